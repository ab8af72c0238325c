package io.enjoy.gateway;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.enjoy.conf.ConfigLoader;
import io.enjoy.conf.launch.Role;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class GatewayRoleTest {
  @Test
  void launcherFindsTheGatewayRoleByName() {
    Role gateway = ServiceLoader.load(Role.class).stream()
        .map(ServiceLoader.Provider::get)
        .filter(role -> role.name().equals("gateway"))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no 'gateway' role registered in META-INF/services"));
    assertInstanceOf(GatewayVerticle.class, gateway.create(ConfigLoader.defaults()));
  }
}
