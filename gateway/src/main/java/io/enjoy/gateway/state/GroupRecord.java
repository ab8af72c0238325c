package io.enjoy.gateway.state;

import java.util.List;

/** A group (usually a course): its members and the holders of its instructor role, names sorted. */
public record GroupRecord(String name, List<String> users, List<String> instructors) {
  public GroupRecord {
    users = List.copyOf(users);
    instructors = List.copyOf(instructors);
  }
}
