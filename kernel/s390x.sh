#!/bin/bash
# kernel/s390x.sh KERNEL OUTDIR RUNS: boots Debian's s390x kernel KERNEL under qemu-system-s390x (TCG),
# drives the zPCI function lifecycle of one function (QEMU's zpci device fid 1 / uid 1 over a
# virtio-net-pci, the guest's 0001:00:00.0, hotplug slot 00000001) with platform events from QEMU's
# monitor racing the slot's power attribute in the guest, and writes one trace per run
# (docs/kernel-traces.md) to OUTDIR/traces/NNNN-THREADS.trace.
#
# Also written: OUTDIR/console.log (every boot's console), OUTDIR/available-functions.txt (the guest's
# traceable zpci/clp/sclp/slot functions), OUTDIR/pec.txt (the PCI event code of each platform event, a
# kprobe on zpci_event_availability), OUTDIR/results.txt (what each guest task's write returned),
# OUTDIR/hung.txt (for each hung run: the function's state and the stacks of the tasks left running).
# The functions traced are the `map` and `ignore` lines of spec/traces/ZpciLifecycle.map.
# The guest's side is kernel/s390x-init.sh; a hung run ends its VM and a fresh VM does the rest.
set -u
cd "$(dirname "$0")/.." || exit 1
. kernel/common.sh

usage() { lab_die "usage: kernel/s390x.sh KERNEL OUTDIR RUNS (KERNEL: 6.1.176)"; }
[ $# -eq 3 ] || usage
VERSION=$1 OUT=$2 RUNS=$3
case $VERSION in
  6.1.176) PKG=linux-image-6.1.0-50-s390x DEBVER=6.1.176-1 ABI=6.1.0-50-s390x ;;
  *) lab_die "unknown kernel $VERSION for s390x (known: 6.1.176)" ;;
esac
case $RUNS in ''|*[!0-9]*|0) lab_die "RUNS must be a positive number, not '$RUNS'" ;; esac
KID=linux-$VERSION-s390x
MAP=spec/traces/ZpciLifecycle.map
BOOT_TIMEOUT=${LAB_BOOT_TIMEOUT:-120}   # seconds from QEMU's start to the guest's "=== pcilc ready ==="
SILENCE=60           # seconds without console output before the guest counts as dead

lab_need_tools qemu-system-s390x:qemu-system-misc cpio:cpio socat:socat dpkg-deb:dpkg
[ -r "$MAP" ] || lab_die "$MAP is missing: it names the functions to trace"
lab_foreign_arch s390x
KDIR=$(lab_deb "$PKG:s390x=$DEBVER") || exit 1
BBDIR=$(lab_deb busybox-static:s390x) || exit 1
VMLINUZ=$KDIR/boot/vmlinuz-$ABI
[ -r "$VMLINUZ" ] || lab_die "$PKG has no boot/vmlinuz-$ABI"

# ---- the initramfs: busybox, /init, the function list, virtio-net's modules -------------------------
WORK=$LAB_CACHE/s390x/$KID
mkdir -p "$WORK" "$OUT" || lab_die "cannot create $WORK or $OUT"
ROOT=$WORK/root
rm -rf "$ROOT"; mkdir -p "$ROOT/bin" "$ROOT/pcilc/mods"
cp "$BBDIR/bin/busybox" "$ROOT/bin/busybox" && cp kernel/s390x-init.sh "$ROOT/init" && chmod 755 "$ROOT/init" \
  || lab_die "cannot assemble the initramfs in $ROOT"
awk '$1 == "map" || $1 == "ignore" { print $2 }' "$MAP" | sort -u > "$ROOT/pcilc/functions"
[ -s "$ROOT/pcilc/functions" ] || lab_die "$MAP names no function (map/ignore lines)"
# virtio_net and virtio_pci with their dependencies (the depends= of each module's .modinfo), deepest first
MODDIR=$KDIR/lib/modules/$ABI
modpath() { find "$MODDIR" -name "$1.ko" | head -1; }
ORDER=()
addmod() {
  local m=$1 f d
  case " ${ORDER[*]} " in *" $m "*) return ;; esac
  f=$(modpath "$m"); [ -n "$f" ] || lab_die "module $m.ko is not in $PKG"
  for d in $(tr '\0' '\n' < "$f" | sed -n 's/^depends=//p' | tr ',' ' '); do addmod "$d"; done
  ORDER+=("$m"); cp "$f" "$ROOT/pcilc/mods/"
}
addmod virtio_pci; addmod virtio_net
printf '%s\n' "${ORDER[@]}" > "$ROOT/pcilc/modules"
# the guest's set_ftrace_filter indexes and available-functions.txt, cached from the first boot that
# scanned available_filter_functions, for this kernel, function list and module list
KEY=$( (echo "$VMLINUZ"; cat "$ROOT/pcilc/functions" "$ROOT/pcilc/modules") | md5sum | cut -d' ' -f1)
SCAN=1
if [ "$(cat "$WORK/indexes.key" 2>/dev/null)" = "$KEY" ] && [ -s "$WORK/indexes" ] && [ -s "$WORK/available-functions.txt" ]; then
  cp "$WORK/indexes" "$ROOT/pcilc/indexes"; SCAN=0
fi
INITRD=$WORK/initramfs.cpio
lab_initramfs "$ROOT" "$INITRD"

# ---- one VM ---------------------------------------------------------------------------------------
TMP=$(mktemp -d "$WORK/.vm.XXXXXX") || lab_die "mktemp failed"
QPID= TAILPID= MON_PID=
cleanup() {
  [ -n "$MON_PID" ] && kill "$MON_PID" 2>/dev/null
  [ -n "$QPID" ] && kill "$QPID" 2>/dev/null
  [ -n "$TAILPID" ] && kill "$TAILPID" 2>/dev/null
  rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

: > "$OUT/console.log"
rm -f "$OUT/pec.txt.tmp" "$OUT/results.txt.tmp" "$OUT/hung.txt.tmp"
ZPCI="zpci,uid=1,fid=1,target=n1,id=z1"
NIC="virtio-net-pci,id=n1"

# qmp JSON: one QMP command; prints the reply line ({"return"..} or {"error"..}); events go to the log
qmp() {
  local l
  [ -n "${QMP[1]:-}" ] || { echo '{"error": "no monitor connection"}'; return 0; }
  echo "$1" >&"${QMP[1]}"
  while [ -n "${QMP[0]:-}" ] && IFS= read -r -t 30 -u "${QMP[0]}" l; do
    echo "$l" >> "$TMP/qmp.log"
    case $l in '{"return"'*|'{"error"'*) echo "$l"; return 0 ;; esac
  done
  echo '{"error": "no reply"}'
}
# platform CMD RUN: CMD on QEMU's monitor, and "go" to the guest.  For device_del the host varies when,
# by pairs of runs (so that each scenario of the guest's 6-run cycle gets every variant):
# variant 0: the command, then "go"; variants 1, 2, 3: "go" now, the command when the guest says its tasks
# are released ("released RUN"), at once (1) or 20 ms (2) or 50 ms (3) later.  The delays do not decide
# the order (the guest's tasks and the event handler race in every variant): they move the platform event
# along the guest task's path, which is a few ms to tens of ms long under TCG.
variant() { echo $(( ($1 - 1) / 2 % 4 )); }
platform() {
  local reply
  case $1 in
    device_del)
      if [ "$(variant $2)" != 0 ]; then PENDING=$2; echo go >&"$CON"; return; fi
      reply=$(qmp '{"execute": "device_del", "arguments": {"id": "n1"}}') ;;
    device_add)
      reply=$(qmp '{"execute": "device_add", "arguments": {"driver": "zpci", "uid": 1, "fid": 1, "target": "n1", "id": "z1"}}')
      case $reply in '{"return"'*) reply=$(qmp '{"execute": "device_add", "arguments": {"driver": "virtio-net-pci", "id": "n1"}}') ;; esac ;;
    *) reply='{"error": "unknown platform command"}' ;;
  esac
  case $reply in '{"return"'*) ;; *) lab_say "run $2: QEMU $1: $reply" ;; esac
  echo go >&"$CON"
}
released() {
  local reply
  [ "$PENDING" = "$1" ] || return 0
  PENDING=
  case $(variant $1) in 2) sleep 0.02 ;; 3) sleep 0.05 ;; esac
  reply=$(qmp '{"execute": "device_del", "arguments": {"id": "n1"}}')
  case $reply in '{"return"'*) ;; *) lab_say "run $1: QEMU device_del: $reply" ;; esac
}
PENDING=

# boot FIRST: one VM doing runs FIRST..RUNS; sets VM_END (done, hung, error, dead, noboot), LAST (the
# last run whose trace began), BOOT_S
LAST=0 TRACES_SEEN=0 HUNG=0 BOOT_S= BOOTS=0
boot() {
  local first=$1 log=$TMP/boot.log sock=$TMP/qmp.sock line t0 rc
  : > "$log"; rm -f "$TMP/in" "$sock"; mkfifo "$TMP/in"
  exec {CON}<>"$TMP/in"
  BOOTS=$((BOOTS + 1))
  lab_say "booting $KID under qemu-system-s390x (TCG) for runs $first..$RUNS"
  t0=$SECONDS
  qemu-system-s390x -M s390-ccw-virtio -nodefaults -display none -no-reboot -m 1024 -smp 2 \
    -serial stdio -qmp "unix:$sock,server=on,wait=off" \
    -kernel "$VMLINUZ" -initrd "$INITRD" \
    -append "console=ttysclp0 quiet panic=1 pcilc.kernel=$KID pcilc.first=$first pcilc.runs=$RUNS pcilc.avail=$SCAN${PCILC_SCENARIOS:+ pcilc.scenarios=$PCILC_SCENARIOS}" \
    -device "$ZPCI" -device "$NIC" < "$TMP/in" > "$log" 2>&1 &
  QPID=$!
  while [ ! -S "$sock" ] && kill -0 $QPID 2>/dev/null && [ $((SECONDS - t0)) -lt 30 ]; do sleep 0.1; done
  coproc QMP { exec socat - "UNIX-CONNECT:$sock"; }
  MON_PID=$QMP_PID
  qmp '{"execute": "qmp_capabilities"}' > /dev/null
  exec {FOLLOW}< <(exec tail -n +1 -F --pid=$QPID "$log" 2>/dev/null)
  TAILPID=$!
  VM_END=dead BOOT_S=${BOOT_S:-}
  local booted=0 last_out=$SECONDS
  while :; do
    IFS= read -r -t 5 -u $FOLLOW line; rc=$?
    if [ $booted = 0 ] && [ $((SECONDS - t0)) -ge $BOOT_TIMEOUT ]; then VM_END=noboot; break; fi
    if [ $rc -gt 128 ]; then                 # nothing new for 5 s
      if [ $((SECONDS - last_out)) -ge $SILENCE ]; then VM_END=dead; break; fi
      kill -0 $QPID 2>/dev/null && continue
      VM_END=dead; break
    fi
    [ $rc -ne 0 ] && { VM_END=dead; break; }   # tail ended: QEMU exited
    last_out=$SECONDS
    line=${line%$'\r'}
    case $line in
      "=== pcilc ready ===")
        booted=1; [ -n "$BOOT_S" ] || BOOT_S=$((SECONDS - t0)); RUN_T0=$SECONDS
        lab_say "booted in $((SECONDS - t0)) s" ;;
      "=== pcilc platform "*)
        set -- ${line#=== pcilc platform }; platform "$1" "$((10#$2))" ;;
      "=== pcilc released "*)
        set -- ${line#=== pcilc released }; released "$((10#$1))" ;;
      "=== pcilc trace begin "*)
        set -- ${line#=== pcilc trace begin }; LAST=$((10#${1%%-*})) ;;
      "outcome hung"*) HUNG=$((HUNG + 1)); HUNG_RUN=$LAST; lab_say "run $LAST: $line" ;;
      "=== pcilc trace end ===")
        TRACES_SEEN=$((TRACES_SEEN + 1))
        [ $((LAST % 10)) -eq 0 ] && lab_say "run $LAST/$RUNS" ;;
      "pcilc-pec "*) echo "${line#pcilc-pec }" >> "$OUT/pec.txt.tmp" ;;
      "pcilc-result "*) echo "${line#pcilc-result }" >> "$OUT/results.txt.tmp" ;;
      "pcilc-hung "*) echo "${line#pcilc-hung }" >> "$OUT/hung.txt.tmp" ;;
      "pcilc-indexes "*) echo "${line#pcilc-indexes }" > "$TMP/indexes" ;;
      "error: "*) VM_END=error; ERROR_LINE=$line; break ;;
      "=== pcilc hung ===") VM_END=hung; break ;;
      "=== pcilc done ===") VM_END=done; break ;;
      # the guest prints the kernel's messages after each run as "dmesg:" lines; a panic comes directly
      "dmesg: "*"Oops"*|"dmesg: "*"BUG:"*|"dmesg: "*"WARNING:"*|"dmesg: "*"INFO: task"*|*"Kernel panic"*)
        lab_say "console: $line" ;;
    esac
  done
  [ $booted = 1 ] && RUN_S=$((RUN_S + SECONDS - RUN_T0))
  # the guest powers itself off after done/hung/error; give it a moment, then stop QEMU
  for t in $(seq 100); do kill -0 $QPID 2>/dev/null || break; sleep 0.1; done
  kill $QPID 2>/dev/null; wait $QPID 2>/dev/null
  kill $MON_PID 2>/dev/null; wait $MON_PID 2>/dev/null
  kill $TAILPID 2>/dev/null
  QPID= MON_PID= TAILPID=
  exec {FOLLOW}<&- {CON}>&-
  tr -d '\r' < "$log" >> "$OUT/console.log"
}

ERROR_LINE= RUN_T0=$SECONDS RUN_S=0 LOST=0
next=1
while [ $next -le $RUNS ]; do
  boot $next
  if [ $SCAN = 1 ] && [ -s "$TMP/indexes" ]; then
    sed -n '/^=== pcilc available begin ===$/,/^=== pcilc available end ===$/p' "$OUT/console.log" \
      | sed '1d;$d' > "$WORK/available-functions.txt.tmp" && mv "$WORK/available-functions.txt.tmp" "$WORK/available-functions.txt"
    mv "$TMP/indexes" "$WORK/indexes" && echo "$KEY" > "$WORK/indexes.key"
    SCAN=0; cp "$WORK/indexes" "$ROOT/pcilc/indexes"; lab_initramfs "$ROOT" "$INITRD"   # for the next boots
  fi
  case $VM_END in
    done) break ;;
    hung) next=$((LAST + 1)) ;;
    noboot) lab_die "$KID did not boot within $BOOT_TIMEOUT s (see $OUT/console.log)" ;;
    error) lab_die "${ERROR_LINE#error: }" ;;
    dead)
      # a hung run's guest can stop for good while it reads its trace buffer: that run is lost, the rest go on
      [ "${HUNG_RUN:-}" = "${LAST:-}" ] || break
      LOST=$((LOST + 1)); lab_say "run $LAST: the guest stopped while printing its hung trace (run lost); a fresh VM goes on"
      next=$((LAST + 1)) ;;
  esac
done

# ---- traces: split the console, replace OUTDIR/traces at once --------------------------------------
NEW=$OUT/.traces.$$
rm -rf "$NEW"
n=$(lab_split_traces "$OUT/console.log" "$NEW")
rm -rf "$OUT/.traces.old"
[ -e "$OUT/traces" ] && mv "$OUT/traces" "$OUT/.traces.old"
mv "$NEW" "$OUT/traces" && rm -rf "$OUT/.traces.old"
cp "$WORK/available-functions.txt" "$OUT/available-functions.txt" 2>/dev/null
for f in pec results hung; do
  if [ -e "$OUT/$f.txt.tmp" ]; then mv "$OUT/$f.txt.tmp" "$OUT/$f.txt"; else : > "$OUT/$f.txt"; fi
done
hung=$(grep -l '^outcome hung' "$OUT"/traces/*.trace 2>/dev/null | wc -l)
missing=$((RUNS - n))
per=$(awk -v s=$RUN_S -v n=$n 'BEGIN { if (n) printf "%.1f", s / n; else print "-" }')
lab_say "$KID: $n traces in $OUT/traces ($((n - hung)) completed, $hung hung, $missing missing: $LOST lost with a hung guest), boot ${BOOT_S:-?} s x $BOOTS, runs $RUN_S s ($per s/run)"
if [ "$VM_END" = dead ] && [ "${HUNG_RUN:-}" != "${LAST:-}" ]; then
  lab_die "$KID: the guest died after run $LAST ($missing of $RUNS runs missing; see $OUT/console.log)"
fi
exit 0
