package io.enjoy.worker.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A kernel gets the start-up cache its Java can use: the AOT cache on 25 and later, the
 * class-data archive before (a 25 cache given to 17 stops the JVM: unknown option). Whether the
 * JVM really maps it is proven in the image (spawner's WorkerImageTest).
 */
class KernelLauncherTest {
  @TempDir Path dist;

  @Test
  void java25UsesTheAotCacheAndJava17TheClassDataArchive() throws Exception {
    Files.writeString(dist.resolve(KernelLauncher.AOT_CACHE_NAME), "cache");
    Files.writeString(dist.resolve(KernelLauncher.ARCHIVE_NAME), "archive");
    assertEquals(List.of("-XX:AOTCache=" + dist.resolve("kernel.aot")), KernelLauncher.cacheOptions(25, Optional.of(dist)));
    assertEquals(List.of("-XX:SharedArchiveFile=" + dist.resolve("kernel.jsa"), "-Xshare:auto"),
        KernelLauncher.cacheOptions(17, Optional.of(dist)));
  }

  @Test
  void withoutACacheForItsJavaAKernelStartsWithNone() throws Exception {
    assertEquals(List.of(), KernelLauncher.cacheOptions(25, Optional.of(dist)));
    Files.writeString(dist.resolve(KernelLauncher.AOT_CACHE_NAME), "cache");
    assertEquals(List.of(), KernelLauncher.cacheOptions(17, Optional.of(dist)), "Java 17 does not know -XX:AOTCache");
    assertEquals(List.of(), KernelLauncher.cacheOptions(25, Optional.empty()));
  }
}
