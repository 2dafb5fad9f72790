#!/bin/bash
# kernel/amd64.sh KERNEL OUTDIR RUNS: boots Debian's x86_64 kernel KERNEL (6.1.192 or 6.12.117) under
# QEMU (q35, TCG), runs RUNS runs of PciCore's scenarios (every pair, triple and the four of
# remove_store, unbind_store, bind_store, sriov_numvfs_store, concurrently on the PF of QEMU's SR-IOV NVMe
# controller, bound to kernel/pcilc_pf) and writes OUTDIR/console.log and OUTDIR/traces/NNNN-SCENARIO.trace
# (docs/kernel-traces.md).  A run that hangs (outcome hung) stops its VM; a fresh VM does the rest.
# The guest is kernel/amd64-init.sh; PCILC_APPEND adds to its kernel command line (e.g. pcilc.timeout=S,
# the seconds after which a run is hung, 10; pcilc.spin=N, the random spin after the barrier, 16);
# PCILC_BOOT_TIMEOUT the seconds a boot may take, 120.  Everything downloaded or built is cached under build/kernel/cache.
set -u
cd "$(dirname "$0")/.." || exit 1
. kernel/common.sh

[ $# -eq 3 ] || lab_die "usage: kernel/amd64.sh KERNEL OUTDIR RUNS (KERNEL: 6.1.192 or 6.12.117)"
KVER=$1 OUT=$2 RUNS=$3
case $KVER in
  6.1.192)  ABI=6.1.0-57-amd64 COMMON=linux-headers-6.1.0-57-common KBUILD=linux-kbuild-6.1 ;;
  6.12.117) ABI=6.12.117+deb12-amd64 COMMON=linux-headers-6.12.117+deb12-common KBUILD=linux-kbuild-6.12.117+deb12 ;;
  *) lab_die "unknown kernel $KVER (known: 6.1.192, 6.12.117)" ;;
esac
case $RUNS in ''|*[!0-9]*|0*) lab_die "RUNS must be a positive number, not '$RUNS'" ;; esac
KID=linux-$KVER-amd64
MAP=spec/traces/PciCore.map
[ -r $MAP ] || lab_die "$MAP not found"

lab_need_tools qemu-system-x86_64:qemu-system-x86 busybox:busybox-static cpio:cpio make:make gcc-12:gcc-12 \
  x86_64-linux-gnu-gcc-12:gcc-12

# --- kernel, module, initramfs -------------------------------------------------------------------------
IMG=$(lab_deb "linux-image-$ABI") || exit 1
VMLINUZ=$IMG/boot/vmlinuz-$ABI
[ -r "$VMLINUZ" ] || lab_die "no $VMLINUZ in linux-image-$ABI"
HDR=$(lab_kheaders "linux-headers-$ABI" "$COMMON" "$KBUILD") || exit 1
WORK=$LAB_CACHE/amd64/$KID
lab_kmodule kernel/pcilc_pf "$HDR" "$WORK/pcilc_pf"
lab_say "$KID: pcilc_pf.ko built against linux-headers-$ABI"

ROOT=$WORK/initramfs.d
rm -rf "$ROOT"; mkdir -p "$ROOT/bin" "$ROOT/etc/pcilc" "$ROOT/proc" "$ROOT/sys" "$ROOT/dev" "$ROOT/tmp"
cp "$(command -v busybox)" "$ROOT/bin/busybox"
cp kernel/amd64-init.sh "$ROOT/init" && chmod 755 "$ROOT/init"
cp "$WORK/pcilc_pf/pcilc_pf.ko" "$ROOT/pcilc_pf.ko"
awk '($1 == "map" || $1 == "ignore") && !seen[$2]++ { print $2 }' $MAP > "$ROOT/etc/pcilc/functions"
[ -s "$ROOT/etc/pcilc/functions" ] || lab_die "no map/ignore lines in $MAP"
lab_initramfs "$ROOT" "$WORK/initramfs.cpio"
lab_say "$KID: initramfs with pcilc_pf.ko and $(wc -l < "$ROOT/etc/pcilc/functions") functions of $MAP"

# --- boots ---------------------------------------------------------------------------------------------
mkdir -p "$OUT" || lab_die "cannot create $OUT"
TMP=$(mktemp -d "$OUT/.traces.XXXXXX") || lab_die "cannot write in $OUT"
QPID=
cleanup() { [ -n "$QPID" ] && kill "$QPID" 2>/dev/null; rm -rf "$TMP"; }
trap cleanup EXIT
trap 'exit 130' INT TERM
: > "$TMP/console.log"
LOG=$OUT/console.log
BOOT_TIMEOUT=${PCILC_BOOT_TIMEOUT:-120}
savelog() { cp "$TMP/console.log" "$LOG.tmp" && mv "$LOG.tmp" "$LOG"; }
ends() { grep -ac '^=== pcilc trace end ===' "$1" 2>/dev/null; }
lastrun() { tr -d '\r' < "$1" | awk '/^=== pcilc trace begin /{n=$5} /^=== pcilc trace end ===/{if(n!="")last=n; n=""} END{print last+0}'; }

next=1 boots=0 boot_s= run_s=0 failure=
while [ $next -le "$RUNS" ] && [ -z "$failure" ]; do
  boots=$((boots + 1))
  left=$((RUNS - next + 1))
  blog=$TMP/boot$boots.log
  : > "$blog"
  lab_say "$KID: boot $boots: runs $next-$RUNS"
  t0=$(date +%s)
  qemu-system-x86_64 -machine q35 -smp 2 -accel tcg,thread=multi -m 1024 -nographic -no-reboot -net none \
    -kernel "$VMLINUZ" -initrd "$WORK/initramfs.cpio" \
    -append "console=ttyS0 quiet panic=-1 pcilc.kernel=$KID pcilc.runs=$RUNS pcilc.first=$next ${PCILC_APPEND:-}" \
    -device pcie-root-port,id=rp1,chassis=1 -device nvme-subsys,id=subsys0 \
    -device nvme,id=nvme0,bus=rp1,serial=pcilc,subsys=subsys0,sriov_max_vfs=2,sriov_vq_flexible=8,sriov_vi_flexible=4,max_ioqpairs=12 \
    < /dev/null > "$blog" 2>&1 &
  QPID=$!
  # booted: the "pcilc ready" line within BOOT_TIMEOUT s
  ready=
  while kill -0 $QPID 2>/dev/null; do
    grep -aq '=== pcilc ready ===' "$blog" && { ready=1; break; }
    [ $(( $(date +%s) - t0 )) -ge $BOOT_TIMEOUT ] && break
    sleep 0.5
  done
  grep -aq '=== pcilc ready ===' "$blog" && ready=1
  t1=$(date +%s)
  if [ -z "$ready" ]; then
    exited=; kill -0 $QPID 2>/dev/null || exited=1
    kill $QPID 2>/dev/null; wait $QPID 2>/dev/null; QPID=
    cat "$blog" >> "$TMP/console.log"; savelog
    err=$(tr -d '\r' < "$blog" | grep -a -m1 -o "error: $KID: .*")
    [ -n "$err" ] && { echo "$err (see $LOG)" >&2; exit 1; }
    [ -n "$exited" ] && lab_die "$KID stopped during its boot after $((t1 - t0)) s (see $LOG)"
    lab_die "$KID did not boot within $BOOT_TIMEOUT s (see $LOG)"
  fi
  [ -z "$boot_s" ] && boot_s=$((t1 - t0))
  lab_say "$KID: boot $boots: ready after $((t1 - t0)) s"
  # the runs: until QEMU exits, at most 60 s + 30 s a run
  limit=$((60 + 30 * left)) shown=0
  while kill -0 $QPID 2>/dev/null; do
    [ $(( $(date +%s) - t1 )) -ge $limit ] && { failure="the guest did not finish within $limit s"; kill $QPID 2>/dev/null; break; }
    n=$(ends "$blog")
    if [ $((n / 10)) -gt $((shown / 10)) ]; then shown=$n; lab_say "$KID: boot $boots: $((next + n - 1))/$RUNS runs traced"; fi
    sleep 1
  done
  wait $QPID 2>/dev/null; QPID=
  run_s=$((run_s + $(date +%s) - t1))
  cat "$blog" >> "$TMP/console.log"
  err=$(tr -d '\r' < "$blog" | grep -a -m1 -o "error: $KID: .*")
  if [ -n "$err" ]; then savelog; echo "$err (see $LOG)" >&2; exit 1; fi
  last=$(lastrun "$blog")
  if tr -d '\r' < "$blog" | grep -q '^=== pcilc done ==='; then
    next=$((RUNS + 1))
  elif tr -d '\r' < "$blog" | grep -q '^=== pcilc hung ==='; then
    hung=$(tr -d '\r' < "$blog" | sed -n 's/^pcilc: \(run .* hung: .*\)/\1/p' | tail -1)
    lab_say "$KID: boot $boots: ${hung:-run $last hung}; a fresh VM does the rest"
    next=$((last + 1))
  else
    [ -n "$failure" ] || failure="the guest stopped after run $last"
  fi
done

# --- traces --------------------------------------------------------------------------------------------
savelog
mkdir -p "$TMP/traces"
lab_split_traces "$LOG" "$TMP/traces" > /dev/null
n=$(ls "$TMP/traces" | grep -c '\.trace$')
completed=$(cat "$TMP/traces"/*.trace 2>/dev/null | grep -c '^outcome completed$')
hung=$(cat "$TMP/traces"/*.trace 2>/dev/null | grep -c '^outcome hung')
rm -rf "$OUT/traces.old"
[ -e "$OUT/traces" ] && mv "$OUT/traces" "$OUT/traces.old"
mv "$TMP/traces" "$OUT/traces" && rm -rf "$OUT/traces.old"
summary="$KID: $n traces ($completed completed, $hung hung), boot ${boot_s:-?} s, runs $run_s s"
[ $boots -gt 1 ] && summary="$summary, $boots boots"
if [ -n "$failure" ] || [ "$n" -lt "$RUNS" ]; then
  lab_say "$summary, $((RUNS - n)) runs missing"
  lab_die "$KID: ${failure:-the console has $n of $RUNS traces} (see $LOG)"
fi
lab_say "$summary"
