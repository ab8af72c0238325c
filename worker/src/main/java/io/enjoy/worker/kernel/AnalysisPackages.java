package io.enjoy.worker.kernel;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.List;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/** The packages of the library a class comes from (jar or classes folder), for the kernel's default imports. */
final class AnalysisPackages {
  private AnalysisPackages() {}

  static List<String> find(Class<?> anyClassOfTheLibrary) {
    TreeSet<String> packages = new TreeSet<>();
    String root = anyClassOfTheLibrary.getPackageName().split("\\.display")[0];
    try {
      Path location = Path.of(anyClassOfTheLibrary.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (Files.isDirectory(location)) {
        try (Stream<Path> files = Files.walk(location)) {
          files.filter(p -> p.toString().endsWith(".class") && !p.getFileName().toString().contains("$"))
              .map(p -> location.relativize(p.getParent()).toString().replace('/', '.'))
              .forEach(packages::add);
        }
      } else {
        try (JarFile jar = new JarFile(location.toFile())) {
          Enumeration<JarEntry> entries = jar.entries();
          while (entries.hasMoreElements()) {
            String name = entries.nextElement().getName();
            if (name.endsWith(".class") && !name.contains("$") && name.contains("/")) {
              packages.add(name.substring(0, name.lastIndexOf('/')).replace('/', '.'));
            }
          }
        }
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      packages.add(anyClassOfTheLibrary.getPackageName());
    }
    packages.removeIf(p -> !p.startsWith(root) || p.contains(".internal") || p.contains(".cli"));
    return List.copyOf(packages);
  }
}
