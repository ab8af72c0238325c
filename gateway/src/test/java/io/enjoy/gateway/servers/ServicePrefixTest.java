package io.enjoy.gateway.servers;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.enjoy.conf.bus.ServerKey;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServicePrefixTest {

  @Test
  void prefixesEncodeLikeJupyterHubAndKeepEmailNamesReadable() {
    assertEquals("/user/alice@uni.example/", ServicePrefix.of(ServerKey.defaultServer("alice@uni.example")));
    assertEquals("/user/~a_b-c/", ServicePrefix.of(ServerKey.defaultServer("~a_b-c")));
    assertEquals("/user/a%20b%2Fc%3F%25%2B/", ServicePrefix.of(ServerKey.defaultServer("a b/c?%+")));
    assertEquals("/user/%C3%89mile/", ServicePrefix.of(ServerKey.defaultServer("Émile")));
    assertEquals("/user/alice/lab/", ServicePrefix.of(new ServerKey("alice", "lab")));
  }

  @Test
  void everySegmentDecodesBackToTheName() {
    for (String name : List.of("alice", "Émile.O'Brien@uni.example", "a b+c", "x%2Fy", "\uD83D\uDE00*!")) {
      String segment = ServicePrefix.segment(name);
      assertEquals(name, URLDecoder.decode(segment.replace("+", "%2B"), StandardCharsets.UTF_8));
      assertEquals(-1, segment.indexOf('/'));
    }
  }
}
