package io.enjoy.gateway.state;

import io.vertx.core.Future;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Groups and their members and instructors. Unknown user names fail with a 400 {@link Refusal}
 * naming them and change nothing; an unknown group fails 404; creating a taken name fails 409.
 */
public interface GroupService {

  Future<Page<GroupRecord>> list(List<Visibility> visibility, int offset, int limit);

  Future<Optional<GroupRecord>> find(String name);

  Future<GroupRecord> create(String name, List<String> users);

  /** False when there was no such group. */
  Future<Boolean> delete(String name);

  Future<GroupRecord> addMembers(String group, List<String> users);

  Future<GroupRecord> removeMembers(String group, List<String> users);

  Future<GroupRecord> addInstructors(String group, List<String> users);

  Future<GroupRecord> removeInstructors(String group, List<String> users);

  /** Names of the groups each of these users belongs to (every user present, maybe with an empty list). */
  Future<Map<String, List<String>>> groupsOf(Collection<String> users);

  /** Names of the groups each of these users is instructor of (every user present). */
  Future<Map<String, List<String>>> instructorOf(Collection<String> users);

  /** Names of the groups {@code user} holds the instructor role for. */
  Future<List<String>> instructs(String user);
}
