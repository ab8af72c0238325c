#!/usr/bin/env bash
# Builds the two images EnJoY runs user servers from, without pulling anything:
#   enjoy/jre:17        a jlink'ed Java 17 runtime plus the shared libraries it needs, imported
#                       from a root folder (there is no base image to pull here)
#   enjoy/worker:latest FROM enjoy/jre:17, the worker's jars under /opt/enjoy/lib
# Each image carries the label enjoy.inputs = a hash of everything it was made from; when the
# hash is unchanged the image is kept, so a second run takes about a second.
#
# Usage: spawner/image/build-images.sh [--worker-dist DIR] [--tag IMAGE] [--base-only] [--force]
#   --worker-dist DIR  directory whose lib/ holds the worker classpath
#                      (default: <repo>/worker/target/dist, made by
#                       `mvn -B -q -pl worker -am package -DskipTests`)
#   --tag IMAGE        name of the worker image (default enjoy/worker:latest; tests use
#                      their own tag so they never replace the real one)
#   --base-only        build only enjoy/jre:17
#   --force            rebuild even when the input hash is unchanged
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HERE/../.." && pwd)"
JDK="${ENJOY_JLINK_JDK:-/usr/lib/jvm/java-17-openjdk-amd64}"
BASE_IMAGE="enjoy/jre:17"
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
    -h|--help) sed -n '2,19p' "$0"; exit 0 ;;
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
base_hash="$( { sed -n '/^# -* base image/,/^# -* worker image/p' "$0"; echo "$MODULES"; cat "$JDK/release"; ls -l "$JDK/jmods"; } | sha256sum | cut -c1-32)"
if [ "$force" = 0 ] && [ "$(label_of "$BASE_IMAGE")" = "$base_hash" ]; then
  echo "build-images: $BASE_IMAGE is up to date (inputs $base_hash), skipped"
else
  echo "build-images: building $BASE_IMAGE (inputs $base_hash)"
  old_base="$(image_id "$BASE_IMAGE")"
  root="$WORK/jre-root"
  rm -rf "$root"; mkdir -p "$root/opt" "$WORK"
  "$JDK/bin/jlink" --module-path "$JDK/jmods" --add-modules "$MODULES" \
    --strip-debug --no-header-files --no-man-pages --compress=2 \
    --generate-cds-archive --output "$root/opt/java"
  # The default class-data archive covers java.base's start-up classes only. Every notebook runs
  # a kernel JVM with javac and JShell, so the archive also gets the classes a first JShell
  # evaluation loads (measured: ~30 % less CPU and ~12 MB less private memory per kernel start).
  train="$WORK/jshell-training"
  rm -rf "$train"; mkdir -p "$train"
  printf 'System.out.println(1 + 2)\n/exit\n' > "$train/train.jsh"
  if "$root/opt/java/bin/jshell" --execution local -J-Duser.home="$train" -J-XX:DumpLoadedClassList="$train/jshell.classlist" \
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
    -c "LABEL org.opencontainers.image.title=enjoy-jre-17" \
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
stage="$(quiet_build "$ctx")"

# Class-data sharing for the worker's own classes (Vert.x, Netty, the worker) and for the kernel
# JVM's (JShell's session, the analysis library, the display runtime, the kernel): a training run
# of each (`WorkerMain --train`, `KernelMain --train`, both in the worker module) records what it
# loads and exits normally, so -XX:ArchiveClassesAtExit writes the archive. The image ships both
# beside its jars (/opt/enjoy/worker.jsa for the CMD, /opt/enjoy/kernel.jsa, which the worker's
# KernelLauncher passes to every kernel JVM). Measured: the server is ready in ~1.6 s instead of
# ~3-4 s, a kernel ~0.3 s sooner with ~12 MiB less memory, and the archives' pages are shared
# between all containers on a host. Without them (a training run fails) the image still works,
# only starts slower.
train_cds() {
  local dir="$WORK/cds" archive main
  rm -rf "$dir"; mkdir -p "$dir"; chmod 777 "$dir"
  for archive in worker kernel; do
    main=io.enjoy.worker.WorkerMain
    [ "$archive" = kernel ] && main=io.enjoy.worker.kernel.KernelMain
    docker run --rm --network none -v "$dir:/cds" "$stage" java -XX:ArchiveClassesAtExit="/cds/$archive.jsa" \
      -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Djava.awt.headless=true -Xlog:cds=off -Xlog:cds+dynamic=off \
      -cp '/opt/enjoy/lib/*' "$main" --train >"$dir/$archive.log" 2>&1 \
      || { echo "the $archive training run failed: $(tail -n 3 "$dir/$archive.log")"; return 1; }
    [ -s "$dir/$archive.jsa" ] || { echo "the $archive training run wrote no archive"; return 1; }
    cp "$dir/$archive.jsa" "$ctx/final/$archive.jsa"
  done
}
if why="$(train_cds 2>&1)"; then
  printf 'FROM %s\nCOPY worker.jsa kernel.jsa /opt/enjoy/\n' "$stage" > "$ctx/final/Dockerfile"
  cds="with class-data archives for the server and the kernel"
else
  printf 'FROM %s\n' "$stage" > "$ctx/final/Dockerfile"
  cds="without class-data archives ($why)"
fi
quiet_build --label "enjoy.inputs=$worker_hash" -t "$WORKER_IMAGE" "$ctx/final" >/dev/null
drop_replaced "$old_worker" "$WORKER_IMAGE"
echo "build-images: built $WORKER_IMAGE $cds"
