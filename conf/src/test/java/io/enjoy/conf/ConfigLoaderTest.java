package io.enjoy.conf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.enjoy.conf.schema.EnjoySchema;
import io.enjoy.conf.schema.RecordBinder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private static final Path WORKING_DIR = Path.of("").toAbsolutePath();

  private Path yaml(String content) throws IOException {
    Path file = dir.resolve("enjoy.yaml");
    Files.writeString(file, content);
    return file;
  }

  private ConfigException failure(String content) throws IOException {
    return failure(content, Map.of());
  }

  private ConfigException failure(String content, Map<String, String> env) throws IOException {
    Path file = yaml(content);
    return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, env));
  }

  private static void assertProblem(ConfigException e, String expected) {
    assertTrue(e.problems().stream().anyMatch(p -> p.contains(expected)),
        "expected a problem containing <" + expected + "> in " + e.problems());
  }

  @Test
  void schemaTableMatchesTheConfigRecords() {
    assertEquals(List.of(), RecordBinder.verify(EnjoyConfig.class, EnjoySchema.SETTINGS));
  }

  @Test
  void defaultsAreTheEmbeddedDemo() {
    EnjoyConfig c = ConfigLoader.defaults();
    assertEquals(List.of("gateway", "spawner", "culler"), c.roles());
    assertEquals(WORKING_DIR.resolve("var"), c.dataDir());
    assertEquals(new EnjoyConfig.Gateway("127.0.0.1", 8443, "", "", "", Duration.ofHours(8), 8080, Duration.ofSeconds(60)), c.gateway());
    assertEquals(new EnjoyConfig.Database(true, "", "", ""), c.database());
    assertEquals(new EnjoyConfig.Auth(List.of(), List.of(), false), c.auth());
    assertEquals(new EnjoyConfig.Oidc("", "enjoy", "dev-secret", "preferred_username", List.of("openid", "profile", "email"),
        new EnjoyConfig.DevProvider(true, "127.0.0.1", 8081)), c.oidc());
    assertEquals(new EnjoyConfig.Spawner("auto", "enjoy/worker:latest", WORKING_DIR.resolve("var/homes"),
        "unix:///var/run/docker.sock", Duration.ofSeconds(60), Duration.ofSeconds(30), 1L << 30, 1.0, "",
        WORKING_DIR.resolve("worker/target/dist")), c.spawner());
    assertEquals(new EnjoyConfig.Culler(true, Duration.ofSeconds(600), Duration.ofSeconds(60), Duration.ZERO), c.culler());
  }

  @Test
  void emptyFileMeansDefaults() throws IOException {
    assertEquals(ConfigLoader.defaults(), ConfigLoader.load(yaml("# nothing set\n"), Map.of()));
  }

  @Test
  void valuesFromTheFileAreTyped() throws IOException {
    EnjoyConfig c = ConfigLoader.load(yaml("""
        roles: [culler]
        culler:
          timeout: 500ms
          every: 2
          max_age: 2d
        spawner:
          mem_limit: 512m
          cpu_limit: 0.5
        """), Map.of());
    assertEquals(List.of("culler"), c.roles());
    assertEquals(new EnjoyConfig.Culler(true, Duration.ofMillis(500), Duration.ofSeconds(2), Duration.ofDays(2)), c.culler());
    assertEquals(512L << 20, c.spawner().memLimit());
    assertEquals(0.5, c.spawner().cpuLimit());
  }

  @Test
  void unknownKeyIsNamedWithSuggestion() throws IOException {
    ConfigException e = failure("culer:\n  timeout: 5s\n");
    assertProblem(e, "unknown key \"culer\" (did you mean \"culler\"?) (line 1)");
  }

  @Test
  void unknownNestedKeyIsNamedWithSuggestion() throws IOException {
    ConfigException e = failure("culler:\n  timout: 5s\n");
    assertProblem(e, "unknown key \"culler.timout\" (did you mean \"culler.timeout\"?) (line 2)");
  }

  @Test
  void keyInTheWrongSectionSuggestsWhereItBelongs() throws IOException {
    ConfigException e = failure("timeout: 5s\n");
    assertProblem(e, "unknown key \"timeout\" (did you mean \"culler.timeout\"?)");
  }

  @Test
  void badDurationNamesKeyAndExpectedForm() throws IOException {
    ConfigException e = failure("culler:\n  timeout: ten minutes\n");
    assertProblem(e, "culler.timeout: expected a duration such as 600s, 10m or 1h, got \"ten minutes\" (line 2)");
  }

  @Test
  void badSizeNamesKeyAndExpectedForm() throws IOException {
    ConfigException e = failure("spawner:\n  mem_limit: lots\n");
    assertProblem(e, "spawner.mem_limit: expected a size such as 512m, 1g or a number of bytes, got \"lots\"");
  }

  @Test
  void valueOutsideTheChoicesListsTheChoices() throws IOException {
    ConfigException e = failure("spawner:\n  backend: podman\n");
    assertProblem(e, "spawner.backend: must be one of auto, docker, local; got \"podman\"");
  }

  @Test
  void portOutOfRangeIsRejected() throws IOException {
    ConfigException e = failure("gateway:\n  https_port: 70000\n");
    assertProblem(e, "gateway.https_port: must be between 0 and 65535; got 70000");
  }

  @Test
  void nonBooleanIsRejected() throws IOException {
    ConfigException e = failure("culler:\n  enabled: sometimes\n");
    assertProblem(e, "culler.enabled: expected true or false, got \"sometimes\"");
  }

  @Test
  void duplicateKeysAreReportedWithBothLines() throws IOException {
    ConfigException e = failure("culler:\n  timeout: 5s\n  timeout: 6s\nculler:\n  every: 1s\n");
    assertProblem(e, "duplicate key \"culler.timeout\" (lines 2 and 3)");
    assertProblem(e, "duplicate key \"culler\" (lines 1 and 4)");
  }

  @Test
  void listGivenForScalarIsRejected() throws IOException {
    ConfigException e = failure("culler:\n  timeout: [5s, 6s]\n");
    assertProblem(e, "culler.timeout: expected a duration such as 600s, 10m or 1h, got a list");
  }

  @Test
  void scalarGivenForListIsRejected() throws IOException {
    ConfigException e = failure("auth:\n  allowed_users: alice\n");
    assertProblem(e, "auth.allowed_users: expected a list such as [a, b], got a single value \"alice\"");
  }

  @Test
  void valueGivenForSectionIsRejected() throws IOException {
    ConfigException e = failure("culler: off\n");
    assertProblem(e, "culler: expected a section with the keys enabled, timeout, every, max_age, got \"off\"");
  }

  @Test
  void sectionGivenForValueIsRejected() throws IOException {
    ConfigException e = failure("data_dir:\n  path: /x\n");
    assertProblem(e, "data_dir: expected a file system path, got a section of keys");
  }

  @Test
  void emptyValueForNumberIsRejected() throws IOException {
    ConfigException e = failure("gateway:\n  https_port:\n");
    assertProblem(e, "gateway.https_port: expected a whole number, got nothing");
  }

  @Test
  void repeatedListItemIsRejected() throws IOException {
    ConfigException e = failure("roles: [gateway, gateway]\n");
    assertProblem(e, "roles: lists \"gateway\" twice");
  }

  @Test
  void externalDatabaseNeedsUrl() throws IOException {
    ConfigException e = failure("database:\n  embedded: false\n");
    assertProblem(e, "database.url: required when database.embedded is false");
  }

  @Test
  void databaseUrlMustBePostgresql() throws IOException {
    ConfigException e = failure("database:\n  embedded: false\n  url: mysql://db/enjoy\n");
    assertProblem(e, "database.url: must be empty or a URL starting with postgresql://; got \"mysql://db/enjoy\"");
  }

  @Test
  void userDomainMustBeAPlainLowerCaseDomainName() throws IOException {
    for (String bad : new String[] {"https://users.example.edu", "*.users.example.edu", "Users.example.edu", "users.example.edu.",
        "users..example.edu", "-users.example.edu", "users.example.edu:8443"}) {
      ConfigException e = failure("gateway:\n  user_domain: \"" + bad + "\"\n");
      assertProblem(e, "gateway.user_domain: must be empty or a lower-case domain name");
    }
    Path ok = yaml("gateway:\n  user_domain: users.example.edu\n");
    EnjoyConfig config = ConfigLoader.load(ok, Map.of());
    assertEquals("users.example.edu", config.gateway().userDomain());
    assertTrue(config.gateway().subdomains());
  }

  @Test
  void tlsCertWithoutKeyIsRejected() throws IOException {
    ConfigException e = failure("gateway:\n  tls_cert: /etc/enjoy/host.crt\n");
    assertProblem(e, "gateway.tls_key: required when gateway.tls_cert is set (the certificate's private key) (gateway.tls_cert is set at line 2)");
  }

  @Test
  void productionWithoutIssuerIsRejected() throws IOException {
    ConfigException e = failure("oidc:\n  dev_provider:\n    enabled: false\n");
    assertProblem(e, "oidc.issuer: required when oidc.dev_provider.enabled is false");
  }

  @Test
  void cullerEveryMustBePositive() throws IOException {
    ConfigException e = failure("culler:\n  every: 0\n");
    assertProblem(e, "culler.every: must be greater than 0; got 0s (line 2)");
  }

  @Test
  void maxAgeZeroMeansOff() throws IOException {
    assertEquals(Duration.ZERO, ConfigLoader.load(yaml("culler:\n  max_age: 0s\n"), Map.of()).culler().maxAge());
  }

  @Test
  void allProblemsAreReportedTogetherWithTheFileName() throws IOException {
    ConfigException e = failure("""
        culer: {}
        gateway:
          https_port: 70000
        spawner:
          backend: podman
        """);
    assertEquals(3, e.problems().size(), e.problems().toString());
    assertEquals(dir.resolve("enjoy.yaml").toString(), e.source());
    assertTrue(e.getMessage().startsWith("configuration error in " + dir.resolve("enjoy.yaml") + ":\n  "), e.getMessage());
    assertEquals(4, e.getMessage().split("\n").length, "one line per problem after the header");
    assertEquals(List.of(
        "unknown key \"culer\" (did you mean \"culler\"?) (line 1)",
        "gateway.https_port: must be between 0 and 65535; got 70000 (line 3)",
        "spawner.backend: must be one of auto, docker, local; got \"podman\" (line 5)"), e.problems(), "in file order");
  }

  @Test
  void problemsAreListedInFileOrder() throws IOException {
    ConfigException e = failure("culler:\n  timeout: soon\ngateway:\n  https_port: -1\n", Map.of("ENJOY_CULLER__EVERY", "0"));
    assertEquals(List.of(
        "culler.timeout: expected a duration such as 600s, 10m or 1h, got \"soon\" (line 2)",
        "gateway.https_port: must be between 0 and 65535; got -1 (line 4)",
        "culler.every: must be greater than 0; got 0s (from ENJOY_CULLER__EVERY)"), e.problems());
  }

  @Test
  void invalidYamlNamesTheLine() throws IOException {
    ConfigException e = failure("culler:\n  timeout: [5s\n");
    assertTrue(e.problems().get(0).startsWith("not valid YAML: "), e.problems().toString());
    assertProblem(e, "(line ");
  }

  @Test
  void missingFileIsReported() {
    Path missing = dir.resolve("nope.yaml");
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.load(missing, Map.of()));
    assertEquals(missing.toString(), e.source());
    assertProblem(e, "the file does not exist");
  }

  @Test
  void environmentOverrideWinsOverFile() throws IOException {
    EnjoyConfig c = ConfigLoader.load(yaml("culler:\n  timeout: 20m\n  every: 30s\n"), Map.of("ENJOY_CULLER__TIMEOUT", "5s"));
    assertEquals(Duration.ofSeconds(5), c.culler().timeout());
    assertEquals(Duration.ofSeconds(30), c.culler().every(), "keys not in the environment keep the file's value");
  }

  @Test
  void environmentOverridesNestedAndTopLevelKeys() {
    EnjoyConfig c = ConfigLoader.load(null, Map.of(
        "ENJOY_OIDC__DEV_PROVIDER__PORT", "0",
        "ENJOY_DATA_DIR", "/x",
        "ENJOY_ROLES", "gateway,spawner"));
    assertEquals(0, c.oidc().devProvider().port());
    assertEquals(Path.of("/x"), c.dataDir());
    assertEquals(List.of("gateway", "spawner"), c.roles());
  }

  @Test
  void environmentListIsCommaSeparated() throws IOException {
    EnjoyConfig c = ConfigLoader.load(yaml("auth:\n  allowed_users: [carol]\n"), Map.of("ENJOY_AUTH__ALLOWED_USERS", "alice, bob"));
    assertEquals(List.of("alice", "bob"), c.auth().allowedUsers());
  }

  @Test
  void unknownEnvironmentVariableIsNamedWithSuggestion() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of("ENJOY_CULER__TIMEOUT", "5s")));
    assertProblem(e, "environment variable ENJOY_CULER__TIMEOUT names no setting (did you mean ENJOY_CULLER__TIMEOUT?)");
  }

  @Test
  void badEnvironmentValueNamesTheVariable() {
    ConfigException e = assertThrows(ConfigException.class,
        () -> ConfigLoader.load(null, Map.of("ENJOY_GATEWAY__HTTPS_PORT", "https")));
    assertProblem(e, "gateway.https_port: expected a whole number, got \"https\" (from ENJOY_GATEWAY__HTTPS_PORT)");
  }

  @Test
  void scriptVariablesAndForeignVariablesAreNotKeys() {
    EnjoyConfig c = ConfigLoader.load(null, Map.of(
        "ENJOY_CONFIG", "/etc/enjoy.yaml", "ENJOY_HOME", "/opt/enjoy", "ENJOY_JAVA_OPTS", "-Xmx1g",
        "ENJOY_LOG_LEVEL", "DEBUG", "PATH", "/usr/bin", "enjoy_culler__timeout", "x"));
    assertEquals(Duration.ofSeconds(600), c.culler().timeout());
  }

  @Test
  void relativeDataDirResolvesAgainstTheWorkingDirectory() throws IOException {
    EnjoyConfig c = ConfigLoader.load(yaml("data_dir: state/../run\n"), Map.of());
    assertEquals(WORKING_DIR.resolve("run"), c.dataDir());
  }

  @Test
  void relativeHomeRootResolvesAgainstDataDir() throws IOException {
    EnjoyConfig c = ConfigLoader.load(yaml("data_dir: /srv/enjoy\nspawner:\n  home_root: users\n"), Map.of());
    assertEquals(Path.of("/srv/enjoy/users"), c.spawner().homeRoot());
    EnjoyConfig absolute = ConfigLoader.load(yaml("data_dir: /srv/enjoy\nspawner:\n  home_root: /home/enjoy\n"), Map.of());
    assertEquals(Path.of("/home/enjoy"), absolute.spawner().homeRoot());
  }

  @Test
  void relativeWorkerDistResolvesAgainstEnjoyHome() {
    EnjoyConfig c = ConfigLoader.load(null, Map.of("ENJOY_HOME", "/opt/enjoy"));
    assertEquals(Path.of("/opt/enjoy/worker/target/dist"), c.spawner().workerDist());
  }

  @Test
  void defaultsWithChangesOnlyTheNamedKeys() {
    EnjoyConfig c = ConfigLoader.defaultsWith(Map.of("culler.timeout", "5s", "auth.allowed_users", "alice,bob"));
    assertEquals(Duration.ofSeconds(5), c.culler().timeout());
    assertEquals(List.of("alice", "bob"), c.auth().allowedUsers());
    assertEquals(ConfigLoader.defaults().gateway(), c.gateway());
    ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.defaultsWith(Map.of("culler.timout", "5s")));
    assertProblem(e, "did you mean ENJOY_CULLER__TIMEOUT?");
  }
}
