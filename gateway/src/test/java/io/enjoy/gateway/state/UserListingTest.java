package io.enjoy.gateway.state;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.enjoy.conf.EnjoyConfig;
import io.enjoy.gateway.db.Database;
import io.enjoy.gateway.testing.Await;
import io.enjoy.gateway.testing.TestConfigs;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The user list's one-statement page: filter, total and each user's groups and instructor roles. */
class UserListingTest {
  private static final String MAX = Character.toString(Character.MAX_CODE_POINT);

  @TempDir Path dataDir;
  private final Vertx vertx = Vertx.vertx();
  private Database db;
  private PgUserDirectory directory;

  @BeforeEach
  void open() {
    EnjoyConfig config = TestConfigs.embedded(dataDir, List.of(), List.of());
    db = Await.result(Database.open(vertx, config));
    directory = new PgUserDirectory(db.pool());
    Await.result(directory.create(List.of("student41", "student42", "student420", "student43", "émile", "émilie", "x" + MAX + "y", "xz"),
        false));
    PgGroupService groups = new PgGroupService(db.pool());
    Await.result(groups.create("physics-101", List.of("student42", "student420")));
    Await.result(groups.create("astro", List.of("student42")));
    Await.result(groups.addInstructors("physics-101", List.of("student43")));
  }

  @AfterEach
  void close() {
    Await.result(db.close());
    Await.result(vertx.close());
  }

  @Test
  void aNameFilterListsExactlyTheNamesStartingWithIt() {
    assertEquals(List.of("student42", "student420"), names(page("student42", 0, 50)));
    assertEquals(List.of("émile", "émilie"), names(page("émil", 0, 50)));
    assertEquals(List.of("x" + MAX + "y"), names(page("x" + MAX, 0, 50)), "a prefix ending in the largest code point");
  }

  @Test
  void theTotalCountsTheWholeFilteredListNotThePage() {
    Page<ListedUser> page = page("student", 1, 2);
    assertEquals(List.of("student42", "student420"), names(page));
    assertEquals(4, page.total());
  }

  @Test
  void aPagePastTheEndIsEmptyButStillTellsTheTotal() {
    Page<ListedUser> page = page("student", 10, 50);
    assertEquals(List.of(), page.items());
    assertEquals(4, page.total());
  }

  @Test
  void eachListedUserComesWithTheirGroupsAndInstructorRoles() {
    List<ListedUser> users = page("student4", 0, 50).items();
    assertEquals(List.of("astro", "physics-101"), users.get(1).groups(), "student42, groups by name");
    assertEquals(List.of(), users.get(1).instructs());
    assertEquals(List.of(), users.get(3).groups(), "student43");
    assertEquals(List.of("physics-101"), users.get(3).instructs());
  }

  private Page<ListedUser> page(String prefix, int offset, int limit) {
    return Await.result(directory.listing(new UserQuery(prefix, null, List.of(Visibility.ALL), offset, limit)));
  }

  private static List<String> names(Page<ListedUser> page) {
    return page.items().stream().map(u -> u.user().name()).toList();
  }
}
