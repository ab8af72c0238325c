package io.enjoy.gateway.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Vectors from jupyterhub tests/test_pages.py::test_login_redirect and security-anchors T1. */
class NextUrlTest {
  @Test
  void localPathsAreKeptAsGiven() {
    for (String next : List.of("/hub/admin", "/user/other", "/absolute", "/has?query#andhash",
        "/has?repo=https/host.git", "/has?repo=https://host.git", "/has#repo=https://host.git", "/user/a%40b/tree")) {
      assertEquals(Optional.of(next), NextUrl.validate(next), next);
    }
  }

  @Test
  void anythingThatCouldLeaveTheHubIsDropped() {
    for (String next : List.of("relative/path", "https://other.domain", "ftp://other.domain", "//other.domain",
        "///other.domain/triple", "\\\\other.domain/backslashes", "/\\other.domain", "/%5Cother.domain",
        "/%5cother.domain", "/%2F/other.domain", "javascript:alert(1)", "/\t/other.domain", "/\n/x", "", " /hub")) {
      assertTrue(NextUrl.validate(next).isEmpty(), next);
    }
    assertTrue(NextUrl.validate(null).isEmpty());
    assertTrue(NextUrl.validate("/" + "a".repeat(5000)).isEmpty());
  }
}
