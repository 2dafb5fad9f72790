#!/bin/busybox sh
# /init of the amd64 lab's guest (kernel/amd64.sh copies it into the initramfs): busybox, pcilc_pf.ko,
# /etc/pcilc/functions (the function names of spec/traces/PciCore.map).  Kernel command line:
#   pcilc.kernel=ID pcilc.runs=N pcilc.first=K   runs K..N (run I is scenario (I-1) mod 11)
# Prints "=== pcilc ready ===", then each run's trace between "=== pcilc trace begin NNNN-SCENARIO ==="
# and "=== pcilc trace end ===" (docs/kernel-traces.md), kernel messages of level warning or worse as
# "kmsg: " lines between runs, and "=== pcilc done ===" (or, after a run that hung,
# "=== pcilc hung ===") before it stops the VM.  Any failure: one "error: " line, then the VM stops.

/bin/busybox mkdir -p /proc /sys /dev /tmp /bin /sbin /usr/bin /usr/sbin
/bin/busybox --install -s
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
mount -t tmpfs tmpfs /tmp
mount -t tracefs tracefs /sys/kernel/tracing 2>/dev/null
exec </dev/console >/dev/console 2>&1
echo   # the line the kernel's console started with terminal resets ends here
# kernel messages go to dmesg, not into the middle of a trace: printed between runs (kmsg)
echo 1 > /proc/sys/kernel/printk
echo 1 > /proc/sys/kernel/sysrq

KERNEL=unknown RUNS=0 FIRST=1 TIMEOUT=10 SPIN=16
for w in $(cat /proc/cmdline); do
  case $w in
    pcilc.kernel=*) KERNEL=${w#*=} ;;
    pcilc.runs=*) RUNS=${w#*=} ;;
    pcilc.first=*) FIRST=${w#*=} ;;
    pcilc.timeout=*) TIMEOUT=${w#*=} ;;
    pcilc.spin=*) SPIN=${w#*=} ;;
  esac
done
T=/sys/kernel/tracing
DRV=/sys/bus/pci/drivers/pcilc_pf

stop() { # the VM stops now (sysrq b: no device_shutdown(), which would wait for a lock a hung task holds)
  sync; echo b > /proc/sysrq-trigger; sleep 5; echo o > /proc/sysrq-trigger; sleep 1000
}
fail() { echo "error: $KERNEL: $*"; kmsg; stop; }
kmsg() { # new kernel messages of level <= 4 (warning), or all with "all"
  dmesg -r -c 2>/dev/null | while IFS= read -r l; do
    lv=${l#<}; lv=${lv%%>*}
    if [ "$1" = all ] || { [ -n "$lv" ] && [ "$lv" -le 4 ] 2>/dev/null; }; then echo "kmsg: $l"; fi
  done
}
now() { read -r u _ < /proc/uptime; NOW=${u%.*}; }   # no $(...): no fork while the tasks run

[ -e $T/tracing_on ] || fail "no tracefs at $T"
insmod /pcilc_pf.ko || fail "insmod pcilc_pf.ko failed"

PF=
for d in /sys/bus/pci/devices/*; do
  if [ "$(cat $d/vendor)" = 0x1b36 ] && [ "$(cat $d/device)" = 0x0010 ] && [ -e $d/sriov_totalvfs ]; then
    PF=${d##*/}; break
  fi
done
[ -n "$PF" ] || fail "no QEMU NVMe PF (1b36:0010 with SR-IOV) found"
PFD=/sys/bus/pci/devices/$PF
echo 1 > $PFD/sriov_numvfs || fail "echo 1 > $PFD/sriov_numvfs failed"
[ -L $PFD/virtfn0 ] || fail "no VF after echo 1 > $PFD/sriov_numvfs"
VF=$(readlink $PFD/virtfn0); VF=${VF##*/}
VFD=/sys/bus/pci/devices/$VF
bound() { d=$(readlink /sys/bus/pci/devices/$1/driver 2>/dev/null) && [ "${d##*/}" = pcilc_pf ]; }
bound $PF || fail "PF $PF is not bound to pcilc_pf"
bound $VF || fail "VF $VF is not bound to pcilc_pf"

# the functions to trace: all must be traceable
echo 0 > $T/tracing_on
echo nop > $T/current_tracer
: > $T/set_ftrace_filter
while read -r f; do
  [ -n "$f" ] || continue
  grep -q "^$f\$" $T/available_filter_functions || grep -q "^$f " $T/available_filter_functions \
    || fail "function $f is not traceable"
  echo "$f" >> $T/set_ftrace_filter || fail "function $f is not traceable (set_ftrace_filter refused it)"
done < /etc/pcilc/functions
echo function > $T/current_tracer || fail "no function tracer"
# a global atomic counter, not a clock: every event gets its own number, so the buffer's order is the order
# the tasks ran in across CPUs (6.12's per-CPU local clock drifts; the global clock, which 6.1 picks by
# itself under QEMU, "Unstable clock detected", gives equal stamps to events of different CPUs)
echo counter > $T/trace_clock || fail "no counter trace clock"
echo 0 > $T/tracing_on
echo "=== pcilc ready ==="
echo "pcilc: $KERNEL: PF $PF VF $VF, runs $FIRST-$RUNS"
kmsg

# the model's initial state: PF present and bound, 1 VF present and bound
reset() {
  [ -e $PFD ] || echo 1 > /sys/bus/pci/rescan
  [ -e $PFD ] || { echo "PF $PF is not back after a rescan"; return 1; }
  bound $PF || echo $PF > $DRV/bind 2>/dev/null
  bound $PF || { echo "PF $PF cannot be bound to pcilc_pf"; return 1; }
  n=$(cat $PFD/sriov_numvfs)
  if [ "$n" != 1 ]; then
    [ "$n" = 0 ] || echo 0 > $PFD/sriov_numvfs
    echo 1 > $PFD/sriov_numvfs || { echo "echo 1 > sriov_numvfs failed"; return 1; }
  fi
  [ -e $VFD ] || { echo "VF $VF is not there"; return 1; }
  bound $VF || echo $VF > $DRV/bind 2>/dev/null
  bound $VF || { echo "VF $VF cannot be bound to pcilc_pf"; return 1; }
  [ "$(cat $PFD/sriov_numvfs)" = 1 ] || { echo "sriov_numvfs is $(cat $PFD/sriov_numvfs)"; return 1; }
}

cmd_remove_store="echo 1 > $PFD/remove"
cmd_unbind_store="echo $PF > $DRV/unbind"
cmd_bind_store="echo $PF > $DRV/bind"
cmd_sriov_numvfs_store="echo 0 > $PFD/sriov_numvfs"

# all pairs, all triples, the four: scenario (I-1) mod 11
set -- remove_store unbind_store bind_store sriov_numvfs_store
SCEN=
for i in 1 2 3 4; do for j in 1 2 3 4; do [ $i -lt $j ] || continue
  eval SCEN=\"\$SCEN \$$i+\$$j\"; done; done
for i in 1 2 3 4; do for j in 1 2 3 4; do for k in 1 2 3 4; do [ $i -lt $j ] && [ $j -lt $k ] || continue
  eval SCEN=\"\$SCEN \$$i+\$$j+\$$k\"; done; done; done
SCEN="$SCEN $1+$2+$3+$4"
NSCEN=$(echo $SCEN | wc -w)
NCPU=$(nproc)

run=$FIRST
while [ $run -le $RUNS ]; do
  s=$(( (run - 1) % NSCEN + 1 ))
  scen=$(echo $SCEN | cut -d' ' -f$s)
  threads=$(echo $scen | tr + ' ')
  name=$(printf %04d $run)-$scen

  echo 0 > $T/tracing_on
  why=$(reset) || fail "reset before run $run ($scen) failed: $why"
  rm -f /tmp/go /tmp/pid.* /tmp/done.*
  echo > $T/trace
  echo 1 > $T/tracing_on

  # one task per thread: it writes its PID and spins at the barrier (the last task to write its PID
  # opens it: the init shell sleeps meanwhile), then spins a random while and writes the sysfs file
  # tasks are spread over the CPUs (taskset), so that two of them really run at the same time
  cpu=0
  for th in $threads; do
    eval c=\$cmd_$th
    taskset -c $cpu sh -c "exec 2>/dev/null; i=\$((RANDOM % $SPIN)); s=; while [ \$i -gt 0 ]; do s=\"\$s:;\"; i=\$((i - 1)); done
           echo \$\$ > /tmp/pid.$th; n=0; for t in $threads; do [ -s /tmp/pid.\$t ] && n=\$((n + 1)); done
           [ \$n = $(echo $threads | wc -w) ] && : > /tmp/go
           while [ ! -e /tmp/go ]; do :; done; eval \"\$s\"; $c; : > /tmp/done.$th" &
    cpu=$(( (cpu + 1) % NCPU ))
  done
  now; t0=$NOW
  while [ ! -e /tmp/go ] && [ $((NOW - t0)) -lt $TIMEOUT ]; do usleep 20000; now; done

  # wait for every task, polling, at most TIMEOUT s
  now; t0=$NOW; outcome=completed
  while :; do
    left=0
    for th in $threads; do [ -e /tmp/done.$th ] || left=1; done
    [ $left = 0 ] && break
    now; if [ $((NOW - t0)) -ge $TIMEOUT ]; then outcome="hung $TIMEOUT"; break; fi
    usleep 20000
  done
  echo 0 > $T/tracing_on

  echo "=== pcilc trace begin $name ==="
  echo "# pcilc kernel trace 1"
  echo "kernel $KERNEL"
  echo "scenario $scen"
  echo "run $run"
  echo "device PF $PF"
  echo "device VF $VF"
  for th in $threads; do echo "task $th $(cat /tmp/pid.$th 2>/dev/null)"; done
  echo "outcome $outcome"
  echo "ftrace"
  grep -v '^#' $T/trace
  echo "=== pcilc trace end ==="

  if [ "$outcome" != completed ]; then
    echo "pcilc: run $run ($scen) hung: tasks not returned:$(for th in $threads; do [ -e /tmp/done.$th ] || echo -n " $th $(cat /tmp/pid.$th 2>/dev/null)"; done)"
    for th in $threads; do
      [ -e /tmp/done.$th ] && continue
      p=$(cat /tmp/pid.$th 2>/dev/null)
      echo "pcilc: $th (pid $p) stack:"; sed 's/^/pcilc:   /' /proc/$p/stack 2>/dev/null
    done
    kmsg
    echo "=== pcilc hung ==="
    stop
  fi
  wait
  kmsg
  run=$((run + 1))
done
echo "=== pcilc done ==="
stop
