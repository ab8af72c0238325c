#!/usr/bin/env bash
# Builds the two images EnJoY runs user servers from, without pulling anything:
#   enjoy/jre:<N>       a jlink'ed Java runtime plus the shared libraries it needs, imported from
#                       a root folder (there is no base image to pull here); N is 25 when the
#                       build machine has Temurin 25, else 17 (said on stderr)
#   enjoy/worker:latest FROM enjoy/jre:<N>, the worker's jars under /opt/enjoy/lib, and the
#                       trained start-up caches of the server and the kernel JVM
# Each image carries the label enjoy.inputs = a hash of everything it was made from; when the
# hash is unchanged the image is kept, so a second run takes about a second.
#
# Usage: spawner/image/build-images.sh [--worker-dist DIR] [--tag IMAGE] [--base-only] [--force]
#   --worker-dist DIR  directory whose lib/ holds the worker classpath
#                      (default: <repo>/worker/target/dist, made by
#                       `mvn -B -q -pl worker -am package -DskipTests`)
#   --tag IMAGE        name of the worker image (default enjoy/worker:latest; tests use
#                      their own tag so they never replace the real one)
#   --base-only        build only enjoy/jre:<N>
#   --force            rebuild even when the input hash is unchanged
# Environment: ENJOY_JLINK_JDK=DIR links the runtime from that JDK instead (17 or later).
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
# Java 25 (the code stays compiled for 17): its AOT cache (JEP 483/514/515) loads and links the
# classes a trained run used, so the kernel's JShell and javac start warm, and compact object
# headers shrink every object of a student's data. Measured with bench/worker: see RESULTS.md.
JDK25=/usr/lib/jvm/temurin-25-jdk-amd64
JDK17=/usr/lib/jvm/java-17-openjdk-amd64
if [ -n "${ENJOY_JLINK_JDK:-}" ]; then
  JDK="$ENJOY_JLINK_JDK"
elif [ -x "$JDK25/bin/jlink" ]; then
  JDK="$JDK25"
else
  JDK="$JDK17"
  echo "build-images: no Java 25 at $JDK25: the worker image runs Java 17, with class-data archives instead of AOT caches" >&2
fi
[ -x "$JDK/bin/jlink" ] || { echo "build-images: no jlink in $JDK (set ENJOY_JLINK_JDK to a JDK 17 or later)" >&2; exit 1; }
JAVA_FEATURE="$(sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$JDK/release")"
[ -n "$JAVA_FEATURE" ] || { echo "build-images: cannot read JAVA_VERSION from $JDK/release" >&2; exit 1; }
BASE_IMAGE="enjoy/jre:$JAVA_FEATURE"
WORKER_IMAGE="enjoy/worker:latest"
WORK="$REPO/spawner/target/image-build"
# The worker (Vert.x, HTTP, JSON) and the JShell kernel JVM it starts (jdk.jshell pulls in
# jdk.compiler, jdk.jdi and jdk.internal.le); java.desktop for headless ImageIO/BufferedImage
# plots; jdk.jdwp.agent because JShell's default execution engine talks JDWP to its remote VM.
MODULES="java.base,java.logging,java.management,java.naming,java.net.http,java.xml,java.desktop,java.sql,jdk.jshell,jdk.compiler,jdk.jdi,jdk.jdwp.agent,jdk.zipfs,jdk.unsupported,jdk.crypto.ec,jdk.charsets,jdk.localedata"

worker_dist="$REPO/worker/target/dist"
base_only=0
force=0
while [ $# -gt 0 ]; do
  case "$1" in
    --worker-dist) worker_dist="${2:?--worker-dist needs a directory}"; shift 2 ;;
    --tag) WORKER_IMAGE="${2:?--tag needs an image name}"; shift 2 ;;
    --base-only) base_only=1; shift ;;
    --force) force=1; shift ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "build-images: unknown argument '$1' (see --help)" >&2; exit 2 ;;
  esac
done

command -v docker >/dev/null || { echo "build-images: docker CLI not found" >&2; exit 1; }
docker version --format '{{.Server.Version}}' >/dev/null 2>&1 \
  || { echo "build-images: the Docker engine does not answer (docker version failed)" >&2; exit 1; }

# One build at a time: tests of several modules and bin/enjoy may call this script together.
mkdir -p "$WORK"
if command -v flock >/dev/null; then
  exec 9>"$WORK/.lock"
  flock 9
fi

# Removes the image an earlier build left untagged (ignored while a container still uses it).
drop_replaced() { [ -n "$1" ] && [ "$1" != "$(docker image inspect -f '{{.Id}}' "$2" 2>/dev/null)" ] && docker rmi "$1" >/dev/null 2>&1 || true; }
image_id() { docker image inspect -f '{{.Id}}' "$1" 2>/dev/null || true; }
label_of() { docker image inspect -f '{{index .Config.Labels "enjoy.inputs"}}' "$1" 2>/dev/null || true; }

# ---------------------------------------------------------------- base image
# Only the base section of this script counts, so editing the worker part does not rebuild the JRE.
base_hash="$( { sed -n '/^# -* base image/,/^# -* worker image/p' "$0"; echo "$MODULES"; cat "$JDK/release"; ls -l "$JDK/jmods" "$JDK/lib/modules" 2>/dev/null || true; } | sha256sum | cut -c1-32)"
if [ "$force" = 0 ] && [ "$(label_of "$BASE_IMAGE")" = "$base_hash" ]; then
  echo "build-images: $BASE_IMAGE is up to date (inputs $base_hash), skipped"
else
  echo "build-images: building $BASE_IMAGE (inputs $base_hash)"
  old_base="$(image_id "$BASE_IMAGE")"
  root="$WORK/jre-root"
  rm -rf "$root"; mkdir -p "$root/opt" "$WORK"
  # Temurin 25 ships no jmods: jlink links from the JDK's own run-time image (JEP 493).
  modpath=(); [ -d "$JDK/jmods" ] && modpath=(--module-path "$JDK/jmods")
  compress=2; [ "$JAVA_FEATURE" -ge 21 ] && compress=zip-6
  "$JDK/bin/jlink" "${modpath[@]}" --add-modules "$MODULES" \
    --strip-debug --no-header-files --no-man-pages --compress="$compress" \
    --generate-cds-archive --output "$root/opt/java"
  # The default class-data archive covers java.base's start-up classes only. Every notebook runs
  # a kernel JVM with javac and JShell, so on 17 the archive also gets the classes a first JShell
  # evaluation loads (measured: ~30 % less CPU and ~12 MB less private memory per kernel start).
  # On 25 the kernel's trained AOT cache (below) holds them, and the JDK's own classes too.
  train="$WORK/jshell-training"
  rm -rf "$train"; mkdir -p "$train"
  printf 'System.out.println(1 + 2)\n/exit\n' > "$train/train.jsh"
  if [ "$JAVA_FEATURE" -ge 25 ]; then
    echo "build-images: Java $JAVA_FEATURE: JShell's classes come with the kernel's AOT cache"
  elif "$root/opt/java/bin/jshell" --execution local -J-Duser.home="$train" -J-XX:DumpLoadedClassList="$train/jshell.classlist" \
       -q "$train/train.jsh" >/dev/null 2>&1 \
     && cat "$root/opt/java/lib/classlist" "$train/jshell.classlist" > "$train/all.classlist" \
     && "$root/opt/java/bin/java" -Xshare:dump -XX:SharedClassListFile="$train/all.classlist" \
          -XX:SharedArchiveFile="$root/opt/java/lib/server/classes.jsa" >/dev/null 2>&1; then
    echo "build-images: class-data archive includes javac and JShell"
  else
    echo "build-images: could not extend the class-data archive with JShell's classes; keeping jlink's" >&2
  fi
  # X11/AWT-window libraries are never loaded headless; dropping them avoids dragging libX11 in.
  rm -f "$root/opt/java/lib/libawt_xawt.so" "$root/opt/java/lib/libjawt.so" "$root/opt/java/lib/libsplashscreen.so"
  # Every shared library the runtime's ELF files need, at the same path as on the build host.
  libs="$(find "$root/opt/java" -type f \( -name '*.so' -o -path '*/bin/*' \) -print0 \
    | xargs -0 ldd 2>/dev/null | awk '/=> \//{print $3} /^\s*\/.*ld-linux/{print $1}' | sort -u)"
  for lib in $libs /lib64/ld-linux-x86-64.so.2; do
    mkdir -p "$root$(dirname "$lib")"
    cp -L "$lib" "$root$lib"
  done
  # glibc dlopens these for name lookups (user.home via getpwuid, localhost resolution).
  for extra in /lib/x86_64-linux-gnu/libnss_files.so.2 /lib/x86_64-linux-gnu/libnss_dns.so.2 /lib/x86_64-linux-gnu/libresolv.so.2; do
    [ -e "$extra" ] && { mkdir -p "$root$(dirname "$extra")"; cp -L "$extra" "$root$extra"; }
  done
  # Debian's glibc keeps C.UTF-8 as a locale directory, not built in: without it Java's default
  # charset is ASCII and umlauts in output and file names are mangled (the image sets LANG).
  [ -d /usr/lib/locale/C.utf8 ] || { echo "build-images: /usr/lib/locale/C.utf8 is missing (Debian's libc-bin provides it)" >&2; exit 1; }
  mkdir -p "$root/usr/lib/locale" && cp -a /usr/lib/locale/C.utf8 "$root/usr/lib/locale/"
  mkdir -p "$root/etc" "$root/tmp" "$root/home/enjoy" "$root/bin" "$root/usr/bin"
  chmod 1777 "$root/tmp"
  chown 1000:1000 "$root/home/enjoy"
  printf 'root:x:0:0:root:/root:/sbin/nologin\nenjoy:x:1000:1000:EnJoY user:/home/enjoy:/sbin/nologin\nnobody:x:65534:65534:nobody:/nonexistent:/sbin/nologin\n' > "$root/etc/passwd"
  printf 'root:x:0:\nenjoy:x:1000:\nnogroup:x:65534:\n' > "$root/etc/group"
  printf 'passwd: files\ngroup: files\nhosts: files dns\n' > "$root/etc/nsswitch.conf"
  printf '127.0.0.1 localhost\n::1 localhost ip6-localhost ip6-loopback\n' > "$root/etc/hosts"
  ln -s /opt/java/bin/java "$root/usr/bin/java"
  # Shared class data for whatever the worker loads beyond the JDK's default archive is left to
  # the JVM; the jlink CDS archive above already covers the JDK's own classes.
  tar --numeric-owner -C "$root" -c . | docker import \
    -c "LABEL enjoy.inputs=$base_hash" \
    -c "LABEL org.opencontainers.image.title=enjoy-jre-$JAVA_FEATURE" \
    -c "ENV JAVA_HOME=/opt/java" \
    -c "ENV PATH=/opt/java/bin:/usr/bin:/bin" \
    -c "ENV LANG=C.UTF-8" \
    -c 'CMD ["java","-version"]' \
    - "$BASE_IMAGE" >/dev/null
  drop_replaced "$old_base" "$BASE_IMAGE"
  echo "build-images: built $BASE_IMAGE ($(docker image inspect -f '{{.Size}}' "$BASE_IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
fi

[ "$base_only" = 1 ] && exit 0

# ---------------------------------------------------------------- worker image
if ! ls "$worker_dist"/lib/*.jar >/dev/null 2>&1; then
  echo "build-images: no worker jars in $worker_dist/lib — run 'mvn -B -q -pl worker -am package -DskipTests' first, or pass --worker-dist DIR" >&2
  exit 1
fi
base_id="$(docker image inspect -f '{{.Id}}' "$BASE_IMAGE")"
worker_hash="$( { sed -n '/^# -* worker image/,$p' "$0"; cat "$HERE/Dockerfile"; echo "$base_id"; (cd "$worker_dist/lib" && sha256sum -- *.jar | sort -k2); } | sha256sum | cut -c1-32)"
if [ "$force" = 0 ] && [ "$(label_of "$WORKER_IMAGE")" = "$worker_hash" ]; then
  echo "build-images: $WORKER_IMAGE is up to date (inputs $worker_hash), skipped"
  exit 0
fi
echo "build-images: building $WORKER_IMAGE from $worker_dist/lib (inputs $worker_hash)"
old_worker="$(image_id "$WORKER_IMAGE")"
ctx="$WORK/context-$(echo "$WORKER_IMAGE" | tr -c 'a-zA-Z0-9\n' '_')"
rm -rf "$ctx"; mkdir -p "$ctx/lib" "$ctx/final"
cp "$HERE/Dockerfile" "$ctx/Dockerfile"
cp "$worker_dist"/lib/*.jar "$ctx/lib/"
# The engine here has no BuildKit/buildx; the classic builder needs nothing from a registry.
quiet_build() { DOCKER_BUILDKIT=0 docker build -q "$@" 2> >(grep -v -i 'deprecated\|legacy builder\|buildx\|buildkit\|environment-variable\|^\s*$\|docs.docker.com' >&2); }
stage="$(quiet_build --build-arg "JRE=$BASE_IMAGE" "$ctx")"

# Start-up caches for the server's classes (Vert.x, Netty, the worker) and the kernel JVM's
# (JShell and javac, the analysis library, the display runtime, the kernel): a training run of
# each (`WorkerMain --train`, `KernelMain --train`, both in the worker module) exits normally and
# the JVM writes what it loaded. On Java 25 that is an AOT cache (-XX:AOTCacheOutput: classes
# loaded and linked ahead of time, with the run's method profiles); on 17 a class-data archive
# (-XX:ArchiveClassesAtExit). The image ships both beside its jars: the server's through
# /opt/enjoy/server.args, the argument file the CMD reads, and the kernel's, which the worker's
# KernelLauncher passes to every kernel JVM it starts. The training runs use the flags a cache
# must be used with (the collector; compact headers for the kernel on 25, see KernelJvm): a
# cache made with others is ignored. Measured: see bench/worker/RESULTS.md; the caches' pages
# are shared between all containers of the image on a host. Without them (a training run
# fails) the image still works, only starts slower.
if [ "$JAVA_FEATURE" -ge 25 ]; then
  cache_ext=aot
  cache_flag() { echo "-XX:AOTCacheOutput=$1"; }
  use_flag() { echo "-XX:AOTCache=$1"; }
  kernel_flags=(-XX:+UseCompactObjectHeaders)
  quiet_log=(-Xlog:aot=off -Xlog:cds=off)
else
  cache_ext=jsa
  cache_flag() { echo "-XX:ArchiveClassesAtExit=$1"; }
  use_flag() { echo "-XX:SharedArchiveFile=$1 -Xshare:auto"; }
  kernel_flags=()
  quiet_log=(-Xlog:cds=off -Xlog:cds+dynamic=off)
fi
train_caches() {
  local dir="$WORK/cds" cache main extra
  rm -rf "$dir"; mkdir -p "$dir"; chmod 777 "$dir"
  for cache in worker kernel; do
    main=io.enjoy.worker.WorkerMain; extra=()
    [ "$cache" = kernel ] && { main=io.enjoy.worker.kernel.KernelMain; extra=("${kernel_flags[@]}"); }
    docker run --rm --network none -v "$dir:/cds" "$stage" java "$(cache_flag "/cds/$cache.$cache_ext")" \
      -XX:+UseSerialGC -XX:TieredStopAtLevel=1 "${extra[@]}" -Djava.awt.headless=true \
      "${quiet_log[@]}" \
      -cp '/opt/enjoy/lib/*' "$main" --train >"$dir/$cache.log" 2>&1 \
      || { echo "the $cache training run failed: $(tail -n 3 "$dir/$cache.log")"; return 1; }
    [ -s "$dir/$cache.$cache_ext" ] || { echo "the $cache training run wrote no cache: $(tail -n 3 "$dir/$cache.log")"; return 1; }
    cp "$dir/$cache.$cache_ext" "$ctx/final/$cache.$cache_ext"
  done
}
if why="$(train_caches 2>&1)"; then
  use_flag "/opt/enjoy/worker.$cache_ext" > "$ctx/final/server.args"
  printf 'FROM %s\nCOPY worker.%s kernel.%s server.args /opt/enjoy/\n' "$stage" "$cache_ext" "$cache_ext" > "$ctx/final/Dockerfile"
  cds="on Java $JAVA_FEATURE, with trained start-up caches (.$cache_ext) for the server and the kernel"
else
  : > "$ctx/final/server.args"
  printf 'FROM %s\nCOPY server.args /opt/enjoy/\n' "$stage" > "$ctx/final/Dockerfile"
  cds="on Java $JAVA_FEATURE, without start-up caches ($why)"
fi
quiet_build --label "enjoy.inputs=$worker_hash" -t "$WORKER_IMAGE" "$ctx/final" >/dev/null
drop_replaced "$old_worker" "$WORKER_IMAGE"
echo "build-images: built $WORKER_IMAGE $cds"
