# Shared by the kernel lab scripts (kernel/amd64.sh, kernel/s390x.sh): sourced, not run.
# Everything is cached under $LAB_CACHE (build/kernel/cache); nothing is installed except, when root,
# the Debian packages QEMU needs.

LAB_CACHE=${LAB_CACHE:-build/kernel/cache}

lab_say() { echo "kernel: $*"; }
lab_die() { echo "error: $*" >&2; exit 1; }

# lab_need_tools CMD:PACKAGE...: each command must be on PATH; root installs the missing packages with
# apt-get, anyone else gets one line naming the command to run.
lab_need_tools() {
  local missing=() pkgs=() c
  for c in "$@"; do
    command -v "${c%%:*}" >/dev/null 2>&1 || { missing+=("${c%%:*}"); pkgs+=("${c#*:}"); }
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    lab_say "apt-get install -y ${pkgs[*]} (missing: ${missing[*]})"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${pkgs[@]}" >/dev/null 2>&1; } \
      || lab_die "apt-get install -y ${pkgs[*]} failed"
  else
    lab_die "${missing[*]} not installed; run as root: apt-get install -y ${pkgs[*]}"
  fi
}

# lab_foreign_arch ARCH: root adds a dpkg architecture (and updates the lists) so apt-get download
# finds its packages; anyone else is told the command.
lab_foreign_arch() {
  dpkg --print-foreign-architectures | grep -qx "$1" && return 0
  [ "$(id -u)" -eq 0 ] || lab_die "Debian's $1 packages are not known here; run as root: dpkg --add-architecture $1 && apt-get update"
  lab_say "dpkg --add-architecture $1 && apt-get update"
  dpkg --add-architecture "$1" && apt-get update -qq >/dev/null 2>&1 || lab_die "apt-get update for $1 failed"
}

# lab_deb PACKAGE[:ARCH][=VERSION]: prints the directory where the package is unpacked (dpkg-deb -x),
# downloading it once into $LAB_CACHE/debs.
lab_deb() {
  local spec=$1 name dir tmp
  name=$(echo "$spec" | tr ':=' '__')
  dir=$LAB_CACHE/root/$name
  if [ ! -e "$dir/.unpacked" ]; then
    mkdir -p "$LAB_CACHE/debs"
    tmp=$(mktemp -d "$LAB_CACHE/debs/.dl.XXXXXX")
    (cd "$tmp" && apt-get download -qq "$spec" >/dev/null 2>&1) || {
      rm -rf "$tmp"
      if [ "$(id -u)" -eq 0 ] && [ -z "${LAB_UPDATED:-}" ]; then
        LAB_UPDATED=1; apt-get update -qq >/dev/null 2>&1; lab_deb "$spec"; return
      fi
      lab_die "apt-get download $spec failed (is Debian's registry reachable, are the package lists current?)"
    }
    rm -rf "$dir.tmp"; mkdir -p "$dir.tmp"
    dpkg-deb -x "$tmp"/*.deb "$dir.tmp" || lab_die "dpkg-deb -x of $spec failed"
    rm -rf "$tmp"; touch "$dir.tmp/.unpacked"; rm -rf "$dir"; mv "$dir.tmp" "$dir"
  fi
  echo "$dir"
}

# lab_initramfs ROOTDIR OUT: a newc cpio of ROOTDIR (owned by root), written atomically.
lab_initramfs() {
  (cd "$1" && find . -print0 | LC_ALL=C sort -z | cpio --null -o -H newc -R 0:0 --quiet) > "$2.tmp" \
    && mv "$2.tmp" "$2" || lab_die "cannot build the initramfs $2"
}

# lab_split_traces CONSOLE_LOG OUTDIR: the guest prints each trace between
# "=== pcilc trace begin NAME ===" and "=== pcilc trace end ===" lines on its console;
# each becomes OUTDIR/NAME.trace (carriage returns dropped).  A trace without its end line (the guest
# died mid-print) is not written.  Prints how many were written.
lab_split_traces() {
  mkdir -p "$2"
  tr -d '\r' < "$1" | awk -v dir="$2" '
    /^=== pcilc trace begin / { name = $5; buf = ""; inside = 1; next }
    /^=== pcilc trace end ===/ { if (inside) { f = dir "/" name ".trace"; printf "%s", buf > (f ".tmp"); close(f ".tmp");
                                 system("mv \"" f ".tmp\" \"" f "\""); n++ } inside = 0; next }
    inside { buf = buf $0 "\n" }
    END { print n + 0 }'
}

# lab_kheaders ARCH_HEADERS_PKG COMMON_HEADERS_PKG KBUILD_PKG: prints the directory to pass to
# make -C for out-of-tree modules of that Debian kernel (its usr/src/linux-headers-<ABI>-<FLAVOUR>).
# The three packages are unpacked (lab_deb) and merged with hard links into $LAB_CACHE/kbuild/<pkg>, so
# their relative symlinks (scripts, tools -> ../../lib/linux-kbuild-*) resolve; the flavour Makefile's
# "include /usr/src/..." is pointed at the merged tree.  Nothing is written to /usr.
lab_kheaders() {
  local arch common kbuild tree src mk p
  arch=$(lab_deb "$1") && common=$(lab_deb "$2") && kbuild=$(lab_deb "$3") || exit 1
  tree=$LAB_CACHE/kbuild/$(echo "$1" | tr ':=' '__')
  src=$(cd "$arch/usr/src" && ls -d linux-headers-* | head -1)
  [ -n "$src" ] || lab_die "$1 has no usr/src/linux-headers-*"
  if [ ! -e "$tree/.merged" ]; then
    rm -rf "$tree.tmp"; mkdir -p "$tree.tmp"
    for p in "$arch" "$common" "$kbuild"; do cp -al "$p/usr" "$tree.tmp/" || lab_die "cannot merge $p into $tree"; done
    tree=$(cd "$tree.tmp/.." && pwd)/${tree##*/}
    mk=$tree.tmp/usr/src/$src/Makefile
    # a hard link into the unpacked package: replace, don't edit in place
    sed "s|^include /usr/|include $tree/usr/|" "$mk" > "$mk.new" && rm -f "$mk" && mv "$mk.new" "$mk"
    touch "$tree.tmp/.merged"; rm -rf "$tree"; mv "$tree.tmp" "$tree"
  fi
  echo "$LAB_CACHE/kbuild/$(echo "$1" | tr ':=' '__')/usr/src/$src"
}

# lab_kmodule SRCDIR HEADERS BUILDDIR [MAKE-ARGS...]: builds the out-of-tree module in SRCDIR (its
# *.c, *.h, Kbuild) in BUILDDIR (a copy; the source directory stays clean) with the headers of
# lab_kheaders; prints nothing, make's output goes to BUILDDIR/make.log.  BTF of modules is skipped
# (no pahole, no vmlinux).
lab_kmodule() {
  local src=$1 hdr=$2 out=$3; shift 3
  mkdir -p "$out" && cp -p "$src"/*.c "$src"/Kbuild "$out"/ && { cp -p "$src"/*.h "$out"/ 2>/dev/null || :; }
  make -C "$(cd "$hdr" && pwd)" M="$(cd "$out" && pwd)" CONFIG_DEBUG_INFO_BTF_MODULES= "$@" modules \
    > "$out/make.log" 2>&1 || lab_die "building the module in $src failed (see $out/make.log)"
}
