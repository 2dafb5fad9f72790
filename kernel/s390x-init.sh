#!/bin/busybox sh
# /init of the s390x lab's guest (kernel/s390x.sh builds the initramfs around it): drives the zPCI
# function lifecycle of fid 1 (0001:00:00.0, hotplug slot 00000001) against QEMU's platform events and
# prints one trace per run on the console (docs/kernel-traces.md), between
# "=== pcilc trace begin NAME ===" and "=== pcilc trace end ===".
#
# The host follows the console.  "=== pcilc platform CMD RUN ===" asks it to do CMD (device_del: unplug
# the function; device_add: plug it back) on QEMU's monitor; the host answers "go" on the console's input.
# The guest then releases its own tasks from their barrier and prints "=== pcilc released RUN ===".  For
# device_del the host varies the order by run: the command before its "go", or after the guest's
# "released" line.
#
# Files put here by kernel/s390x.sh: /pcilc/functions (the functions to trace, from
# spec/traces/ZpciLifecycle.map), /pcilc/modules (the modules to insmod, in order), /pcilc/mods/*.ko.
# Kernel command line: pcilc.kernel=ID pcilc.first=N pcilc.runs=M [pcilc.avail=1].

/bin/busybox --install -s /bin
export PATH=/bin
mkdir -p /proc /sys /dev /tmp
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev 2>/dev/null
mount -t tracefs tracefs /sys/kernel/tracing
stty -echo 2>/dev/null

KERNEL=linux; FIRST=1; RUNS=1; AVAIL=0; ONLY=
for a in $(cat /proc/cmdline); do
  case $a in
    pcilc.kernel=*) KERNEL=${a#*=} ;;
    pcilc.first=*) FIRST=${a#*=} ;;
    pcilc.runs=*) RUNS=${a#*=} ;;
    pcilc.avail=*) AVAIL=${a#*=} ;;
    pcilc.scenarios=*) ONLY=$(echo "${a#*=}" | tr , ' ') ;;
  esac
done

T=/sys/kernel/tracing
FN=0001:00:00.0
DEV=/sys/bus/pci/devices/$FN
SLOT=/sys/bus/pci/slots/00000001
TIMEOUT=20          # seconds a run's tasks and events get before the run is "hung"

off() { sync; poweroff -f; sleep 10; }
stamp() { echo "pcilc-time $(cut -d' ' -f1 /proc/uptime) $*"; }
fail() { echo "error: $KERNEL: $*"; echo "=== pcilc error ==="; off; }

# ---- setup: modules, traceable functions, tracer --------------------------------------------------
echo 1 > /proc/sys/kernel/printk          # kernel messages go to the console as "dmesg:" lines after each run
for m in $(cat /pcilc/modules); do
  insmod /pcilc/mods/$m.ko || fail "insmod $m.ko failed"
done

stamp modules loaded
# the filter: by the indexes (line numbers in available_filter_functions) the host cached from an earlier
# boot of this kernel, if they give exactly the listed functions; else one pass over
# available_filter_functions (slow to generate and read under TCG) finds the indexes, the listed
# functions that are missing, and (first boot) the zpci/clp/sclp/slot lines for the host
echo 0 > $T/tracing_on
# a global atomic counter, not a clock: events of different CPUs are ordered as they happened (the local
# clock ties and drifts under TCG), which the validation's order needs
echo counter > $T/trace_clock
echo function > $T/current_tracer
# names compared without compiler suffixes (zpci_free_iomap.constprop.0 is zpci_free_iomap)
filter_is_list() {
  [ "$(sed 's/ .*//; s/\..*//' $T/set_ftrace_filter | sort -u)" = "$(sed 's/\..*//' /pcilc/functions | sort -u)" ]
}
if [ -s /pcilc/indexes ] && echo $(cat /pcilc/indexes) > $T/set_ftrace_filter 2>/dev/null && filter_is_list; then
  stamp filter set from the cached indexes
else
  echo > $T/set_ftrace_filter
  [ -r $T/available_filter_functions ] || fail "no $T/available_filter_functions (tracefs)"
  [ "$AVAIL" = 1 ] && echo "=== pcilc available begin ==="
  awk -v avail=$AVAIL 'NR == FNR { n = $1; sub(/\..*/, "", n); want[n] = 1; next }
    avail == 1 && /zpci|clp|sclp|slot/ { print }
    { n = $1; sub(/\..*/, "", n) }
    n in want { found[n] = 1; idx = idx " " FNR }
    END { for (f in want) if (!(f in found)) print "missing " f > "/tmp/missing"
          print idx > "/tmp/indexes" }' /pcilc/functions $T/available_filter_functions
  [ "$AVAIL" = 1 ] && echo "=== pcilc available end ==="
  [ -s /tmp/missing ] && fail "function $(head -1 /tmp/missing | cut -d' ' -f2) is not traceable"
  echo $(cat /tmp/indexes) > $T/set_ftrace_filter || fail "cannot set set_ftrace_filter"
  filter_is_list || fail "set_ftrace_filter is not the list of /pcilc/functions"
  echo "pcilc-indexes $(cat /tmp/indexes)"
  stamp filter set
fi
echo 4096 > $T/buffer_size_kb
# the PCI event code of each platform event, in a second buffer (not in the trace files)
mkdir $T/instances/pec 2>/dev/null
echo 'p:pcilc/pec zpci_event_availability fh=+4($arg1):x32 fid=+8($arg1):x32 pec=+30($arg1):x16' >> $T/kprobe_events \
  && echo 1 > $T/instances/pec/events/pcilc/pec/enable || echo "pcilc: no kprobe event for the PEC"

KMCHECK=
for p in /proc/[0-9]*; do
  [ "$(cat $p/comm 2>/dev/null)" = kmcheck ] && KMCHECK=${p#/proc/}
done
[ -n "$KMCHECK" ] || fail "no kmcheck kernel thread"

# ---- state checks ---------------------------------------------------------------------------------
# the event handler (kmcheck: chsc_process_crw -> zpci_event_availability) waits for the next CRW
idle() { [ "$(cat /proc/$KMCHECK/wchan 2>/dev/null)" = crw_collect_info ]; }
gone() { [ ! -e $SLOT ] && [ ! -e $DEV ] && idle; }
bound() {
  [ -e $DEV/driver ] && [ -e $SLOT/power ] && [ "$(cat $SLOT/power)" = 1 ] || return 1
  for v in $DEV/virtio*; do [ -e "$v/driver" ] && return 0; done
  return 1
}
# waitfor SECONDS CMD...: polls until CMD succeeds (0) or SECONDS pass (1)
waitfor() {
  local n=$(( $1 * 20 )); shift
  while ! "$@"; do
    n=$((n - 1)); [ $n -gt 0 ] || return 1
    sleep 0.05
  done
}
# platform CMD RUN: the host does CMD on QEMU's monitor and says "go"
platform() {
  case $1 in device_del) STARTED="$STARTED firmware" ;; esac
  echo "=== pcilc platform $1 $2 ==="
  local l
  while read -r l; do
    case $l in *go*) return 0 ;; esac
  done
  fail "console input closed"
}

# reset: the model's initial state (function configured, a pci_dev bound to virtio-pci/virtio_net, slot
# power 1), tracing off
reset() {
  echo 0 > $T/tracing_on
  waitfor $TIMEOUT idle || fail "reset: the event handler (kmcheck) is busy"
  if [ ! -e $SLOT ]; then
    platform device_add "$1"
    waitfor $TIMEOUT bound || fail "reset: function $FN did not come back after device_add"
  elif [ "$(cat $SLOT/power)" != 1 ]; then
    echo 1 > $SLOT/power 2>/dev/null
  fi
  waitfor $TIMEOUT idle && bound || fail "reset: function $FN is not configured and bound (slot power $(cat $SLOT/power 2>/dev/null))"
}

# ---- one run --------------------------------------------------------------------------------------
# task NAME VALUE FD: a shell (sh -c; its PID, in $PID_NAME, is the writer in the trace) that opens the
# slot's power attribute, says it is ready, waits at its barrier (reads a line from a fifo that this shell
# holds open as FD), then writes VALUE; what the write returned goes to /tmp/rc.NAME.  Returns when the
# task is at its barrier.
task() {
  rm -f /tmp/bar.$1 /tmp/ready.$1; mkfifo /tmp/bar.$1
  eval "exec $3<>/tmp/bar.$1"
  sh -c 'exec 3> $1 || { echo "open failed" > /tmp/rc.$2; echo > /tmp/ready.$2; exit 1; }
         exec 4< /tmp/bar.$2; echo > /tmp/ready.$2; read x <&4
         echo $3 >&3 2>/tmp/err.$2; echo "$? $(cat /tmp/err.$2)" > /tmp/rc.$2' task $SLOT/power $1 $2 &
  eval PID_$1=$! FD_$1=$3
  STARTED="$STARTED $1"
  waitfor $TIMEOUT [ -e /tmp/ready.$1 ] || fail "task $1 did not reach its barrier"
}
release() { eval "echo go >&\$FD_$1"; }
# running PID...: which of the PIDs are still running
running() { local p r=; for p in "$@"; do kill -0 $p 2>/dev/null && r="$r $p"; done; echo $r; }
# finish END PID...: wait for the tasks to return and END to hold; sets OUTCOME
finish() {
  local end=$1 n=$(( TIMEOUT * 20 )); shift
  while [ -n "$(running "$@")" ] || ! $end; do
    n=$((n - 1))
    if [ $n -le 0 ]; then OUTCOME="hung $TIMEOUT"; return; fi
    sleep 0.05
  done
  OUTCOME=completed
}
always() { idle; }

run() {
  local r=$1 s=$2 name tasks pids
  name=$(printf '%04d' $r)-$s
  reset $r
  STARTED=; rm -f /tmp/rc.*
  echo > $T/trace
  echo > $T/instances/pec/trace 2>/dev/null
  echo 1 > $T/tracing_on
  case $s in
    firmware)                     # (a) the platform unplugs the function
      platform device_del $r; echo "=== pcilc released $r ==="
      finish gone ;;
    power_off+power_on)           # (b) the slot powered off, then on
      task power_off 0 4; release power_off; finish always $PID_power_off
      task power_on 1 5; release power_on; finish always $PID_power_on ;;
    power_off+firmware)           # (c) power off racing the platform's unplug
      task power_off 0 4
      platform device_del $r; release power_off; echo "=== pcilc released $r ==="
      finish gone $PID_power_off ;;
    power_off+power_on+firmware)  # (d) power off; then power on racing the unplug of the standby function
      task power_off 0 4; release power_off; finish always $PID_power_off
      if [ "$OUTCOME" = completed ]; then
        task power_on 1 5
        platform device_del $r; release power_on; echo "=== pcilc released $r ==="
        finish gone $PID_power_on
      fi ;;
  esac
  echo 0 > $T/tracing_on
  exec 4>&- 5>&-
  echo "=== pcilc trace begin $name ==="
  echo "# pcilc kernel trace 1"
  echo "kernel $KERNEL"
  echo "scenario $s"
  echo "run $r"
  echo "device PF $FN"
  for t in $(echo $s | tr + ' '); do
    case " $STARTED " in *" $t "*) ;; *) continue ;; esac
    case $t in
      firmware) echo "task firmware -" ;;
      *) eval echo "task $t \$PID_$t" ;;
    esac
  done
  echo "outcome $OUTCOME"
  echo "ftrace"
  grep -v '^#' $T/trace
  echo "=== pcilc trace end ==="
  grep -v '^#' $T/instances/pec/trace 2>/dev/null | sed "s/^/pcilc-pec $name /"
  for f in /tmp/rc.*; do [ -e "$f" ] && echo "pcilc-result $name ${f#/tmp/rc.} $(cat $f)"; done
  if [ "$OUTCOME" != completed ]; then
    # what was left: the function's state, the stacks of the tasks and of the event handler
    echo "pcilc-hung $name slot $([ -e $SLOT ] && echo present || echo absent) pci_dev $([ -e $DEV ] && echo present || echo absent) kmcheck $(cat /proc/$KMCHECK/wchan)"
    for p in $(running $(for t in $STARTED; do eval echo \${PID_$t:-}; done)) $KMCHECK; do
      echo "pcilc-hung $name stack $p $(cat /proc/$p/comm): $(cat /proc/$p/stack 2>/dev/null | awk '{ printf "%s ", $2 }')"
    done
    echo w > /proc/sysrq-trigger
  fi
  dmesg -c | sed 's/^/dmesg: /'
  if [ "$OUTCOME" != completed ]; then
    echo "=== pcilc hung ==="
    off
  fi
}

# the scenarios, in turn; the racing ones twice as often
SCENARIOS="firmware power_off+power_on power_off+firmware power_off+power_on+firmware power_off+firmware power_off+power_on+firmware"
# pcilc.scenarios=A,B: only these (the smoke run leaves out power_on racing device_del, which can leave
# 6.1.176 hung or oopsed: a finding of the full run, not a smoke test's)
if [ -n "$ONLY" ]; then SCENARIOS=$ONLY; fi
set -- $SCENARIOS
NS=$#
dmesg -c >/dev/null
stamp ready
echo "=== pcilc ready ==="
# the runs, in a subshell: a shell error there is one error line, not a kernel panic
(
  r=$FIRST
  while [ $r -le $RUNS ]; do
    i=$(( (r - 1) % NS + 1 ))
    eval s=\${$i}
    echo "pcilc-run $r $s"
    run $r $s
    r=$((r + 1))
  done
)
rc=$?
[ $rc = 0 ] || fail "the guest's /init stopped (shell exit $rc; the last pcilc-run line on the console is the run)"
echo "=== pcilc done ==="
off
