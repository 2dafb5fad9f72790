------------------------------- MODULE XenPirq -------------------------------
(***************************************************************************)
(* MSI-X set-up of passed-through PCI devices in a Xen HVM guest           *)
(* (arch/x86/pci/xen.c xen_hvm_setup_msi_irqs(), drivers/xen/events),      *)
(* with QEMU's MSI-X emulation (hw/xen/xen_pt_msi.c) and the hypervisor's  *)
(* pirq table: the stale pirq cached in the MSI message (seed 002,         *)
(* af42b8d12f8a, fixed by c74fd80f2f41 in 2017).                           *)
(*                                                                         *)
(* Two NVMe controllers probe concurrently.  Each driver (nvme_reset_work) *)
(* enables one MSI-X vector, requests its irq, talks to the controller,    *)
(* frees the vectors (free_irq, pci_disable_msix) and enables all its      *)
(* vectors.  pci_disable_msix() clears the MSI-X enable bit; QEMU (>= 2.1, *)
(* c976437c7dba) traps the config write and unmaps all of the device's     *)
(* pirqs in the hypervisor, which frees them.  The guest's teardown        *)
(* (xen_teardown_msi_irq -> xen_destroy_irq) frees its irqs but, in an HVM *)
(* guest, does not unmap the pirq; the MSI-X table keeps the message, and  *)
(* with it the pirq number.                                                *)
(*                                                                         *)
(* xen_hvm_setup_msi_irqs() for each vector reads the message; before      *)
(* c74fd80f2f41, if the message is a Xen pirq message and                  *)
(* xen_irq_from_pirq(pirq) >= 0 (some irq of the guest, of any device, is  *)
(* bound to that pirq), it re-uses the pirq; otherwise it asks the         *)
(* hypervisor for a free one (xen_allocate_pirq_msi -> PHYSDEVOP_get_free_ *)
(* pirq, which hands out the highest free pirq) and writes it into the     *)
(* message, on which QEMU maps it for the device.                          *)
(*                                                                         *)
(* One action is one atomic step of one device's probe thread, named after *)
(* the kernel (or QEMU) function it runs, with the device as parameter.    *)
(***************************************************************************)
EXTENDS Naturals, FiniteSets

\* af42b8d12f8a: xen_hvm_setup_msi_irqs() re-uses the cached pirq when
\* xen_irq_from_pirq() finds an irq for it; c74fd80f2f41 removed that (FALSE).
CONSTANT ReusesCachedPirq_af42b8d12f8a
ASSUME ReusesCachedPirq_af42b8d12f8a \in BOOLEAN

Devices == {"nvme0", "nvme1"}
NumVectors == 2             \* MSI-X vectors a driver enables in the end ("all")
Vectors == 1..NumVectors
Pirqs == 1..4               \* enough for both devices' vectors at once
NoPirq == 0                 \* in a message: not a Xen pirq message (data != XEN_PIRQ_MSI_DATA)
Free == "free"
NoDevice == "none"

Labels == {"enable_one", "setup", "startup", "shutdown", "disable", "teardown", "enable_all",
           "done", "failed"}

-----------------------------------------------------------------------------
VARIABLES
    pc,             \* pc[d]: where device d's probe thread is (see Labels)
    nvec,           \* nvec[d]: vectors asked for by the current pci_alloc_irq_vectors()
    vec,            \* vec[d]: the vector xen_hvm_setup_msi_irqs() handles next
    msixEnabled,    \* msixEnabled[d]: PCI_MSIX_FLAGS_ENABLE set in d's config space
    msgPirq,        \* msgPirq[d][v]: the pirq in the message of d's MSI-X table entry v, or NoPirq
    irqPirq,        \* irqPirq[d][v]: the pirq the guest irq of d's vector v is bound to, or NoPirq
    hvPirq,         \* hvPirq[p]: hypervisor: Free, or the device whose MSI QEMU mapped p for
    evtchn          \* evtchn[p]: the device whose irq bound an event channel to p, or NoDevice

guestVars == <<msixEnabled, msgPirq, irqPirq>>
xenVars == <<hvPirq, evtchn>>
vars == <<pc, nvec, vec, guestVars, xenVars>>

TypeOK ==
    /\ pc \in [Devices -> Labels]
    /\ nvec \in [Devices -> Vectors]
    /\ vec \in [Devices -> Vectors]
    /\ msixEnabled \in [Devices -> BOOLEAN]
    /\ msgPirq \in [Devices -> [Vectors -> Pirqs \cup {NoPirq}]]
    /\ irqPirq \in [Devices -> [Vectors -> Pirqs \cup {NoPirq}]]
    /\ hvPirq \in [Pirqs -> Devices \cup {Free}]
    /\ evtchn \in [Pirqs -> Devices \cup {NoDevice}]

Init ==
    /\ pc = [d \in Devices |-> "enable_one"]
    /\ nvec = [d \in Devices |-> 1]
    /\ vec = [d \in Devices |-> 1]
    /\ msixEnabled = [d \in Devices |-> FALSE]
    /\ msgPirq = [d \in Devices |-> [v \in Vectors |-> NoPirq]]
    /\ irqPirq = [d \in Devices |-> [v \in Vectors |-> NoPirq]]
    /\ hvPirq = [p \in Pirqs |-> Free]
    /\ evtchn = [p \in Pirqs |-> NoDevice]

\* xen_irq_from_pirq(p) >= 0: some irq of the guest is bound to p, whichever
\* device it belongs to.
XenIrqFromPirq(p) == \E e \in Devices, w \in Vectors : irqPirq[e][w] = p
\* The pirqs of d's live irqs.
PirqsOf(d) == {irqPirq[d][v] : v \in 1..nvec[d]} \ {NoPirq}
Max(S) == CHOOSE m \in S : \A n \in S : n <= m

-----------------------------------------------------------------------------
(* The NVMe probe thread of device d                                        *)

\* nvme_pci_enable(): pci_alloc_irq_vectors(pdev, 1, 1); later
\* nvme_setup_io_queues(): pci_alloc_irq_vectors() for all vectors.
\* msix_capability_init() sets the MSI-X enable bit, then arch set-up.
\* @source linux-6.12.117 drivers/pci/msi/msi.c msix_capability_init "pci_msix_clear_and_set_ctrl(dev, 0, PCI_MSIX_FLAGS_MASKALL |" "ret = msix_setup_interrupts(dev, entries, nvec, affd);" "pci_msix_clear_and_set_ctrl(dev, PCI_MSIX_FLAGS_MASKALL, 0);"
\* @source linux-6.12.117 drivers/pci/msi/api.c pci_alloc_irq_vectors
\* @source linux-4.10 c74fd80f2f41^ drivers/nvme/host/pci.c nvme_pci_enable
\* @fidelity simplified: the enable bit (with MASKALL) is set here and the arch set-up follows as
\*   XenHvmSetupMsiIrqs steps; the MASKALL clear at the end, on which QEMU maps the entries
\*   (xen_pt_msixctrl_reg_write -> xen_pt_msix_update), is folded into each vector's set-up step (see there).
\*   The NVMe workload (one vector, free, all vectors) is Dan Streetman's description in c74fd80f2f41's
\*   message (seed 002); nvme's code is not in the pinned trees (drivers/nvme not unpacked, and 6.x's
\*   nvme differs), and the 4.10 nvme code was not read: uncheckable.
PciEnableMsixRange(d) ==
    /\ pc[d] \in {"enable_one", "enable_all"}
    /\ nvec' = [nvec EXCEPT ![d] = IF pc[d] = "enable_one" THEN 1 ELSE NumVectors]
    /\ vec' = [vec EXCEPT ![d] = 1]
    /\ msixEnabled' = [msixEnabled EXCEPT ![d] = TRUE]
    /\ pc' = [pc EXCEPT ![d] = "setup"]
    /\ UNCHANGED <<msgPirq, irqPirq, xenVars>>

\* xen_hvm_setup_msi_irqs(), one vector: read the message; re-use its pirq
\* (af42b8d12f8a, if xen_irq_from_pirq() finds an irq for it) or get the
\* highest free pirq from the hypervisor and write it into the message, on
\* which QEMU maps it for d; then xen_bind_pirq_msi_to_irq().  QEMU's map of a
\* re-used pirq succeeds only if the pirq is free in the hypervisor; if it is
\* mapped for another device the map fails and QEMU only logs it.  No free
\* pirq: -ENOSPC, the probe fails.
\* @source linux-4.10 c74fd80f2f41^ arch/x86/pci/xen.c xen_hvm_setup_msi_irqs "if (msg.data != XEN_PIRQ_MSI_DATA ||" "xen_irq_from_pirq(pirq) < 0) {" "xen: msi already bound to pirq=%d"
\* @source linux-6.12.117 arch/x86/pci/xen.c xen_hvm_setup_msi_irqs "pirq = xen_allocate_pirq_msi(dev, msidesc);" "xen_msi_compose_msg(dev, pirq, &msg);" "__pci_write_msi_msg(msidesc, &msg);"
\* @source linux-6.1.192 arch/x86/pci/xen.c xen_hvm_setup_msi_irqs "pirq = xen_allocate_pirq_msi(dev, msidesc);"
\* @source linux-6.1.192 drivers/xen/events/events_base.c xen_irq_from_pirq "list_for_each_entry(info, &xen_irq_list_head, list) {" "if (info->u.pirq.pirq == pirq)"
\* @source linux-6.12.117 drivers/xen/events/events_base.c xen_allocate_pirq_msi "PHYSDEVOP_get_free_pirq"
\* @source linux-6.12.117 drivers/xen/events/events_base.c xen_bind_pirq_msi_to_irq "xen_irq_info_pirq_setup(info, 0, pirq + i, 0, domid,"
\* @source qemu-2.1 c976437c7dba hw/xen/xen_pt_msi.c msi_msix_setup "is_not_mapped" "xc_physdev_map_pirq_msi"
\* @fidelity open: the guest side is faithful (6.1/6.12 are the fresh design; the cached branch is the
\*   pre-c74fd80f2f41 code read from a 4.x mirror; xen_irq_from_pirq walks every live irq, any device).
\*   Open, on QEMU and Xen: QEMU maps a guest-named pirq only when its entry has none
\*   (is_not_mapped), and only at the MASKALL clear after all vectors are set up, not in this step; a map
\*   of a pirq that Xen has given to another device is assumed to fail and be only logged
\*   ("Mapping of MSI-X" error).  Folding QEMU's map into this step loses interleavings in which another
\*   device's PHYSDEVOP_get_free_pirq takes a re-used, free pirq before QEMU maps it: sound for both
\*   verdicts (the cached design already fails, the fresh one never re-uses).  Xen's
\*   PHYSDEVOP_get_free_pirq is modelled as "highest free" (get_free_pirq scans down): a Xen detail that
\*   only picks which pirq; the QEMU < 2.1 behaviour (no unmap on disable) has no design: docs/audit/cfgaccess-xenpirq.md.
XenHvmSetupMsiIrqs(d) ==
    LET v == vec[d]
        cached == msgPirq[d][v]
        reuse == ReusesCachedPirq_af42b8d12f8a /\ cached # NoPirq /\ XenIrqFromPirq(cached)
        free == {p \in Pirqs : hvPirq[p] = Free}
        next == IF v < nvec[d] THEN "setup" ELSE "startup"
    IN
    /\ pc[d] = "setup"
    /\ IF reuse
       THEN /\ irqPirq' = [irqPirq EXCEPT ![d][v] = cached]
            /\ hvPirq' = IF hvPirq[cached] = Free THEN [hvPirq EXCEPT ![cached] = d] ELSE hvPirq
            /\ vec' = [vec EXCEPT ![d] = IF v < nvec[d] THEN v + 1 ELSE v]
            /\ pc' = [pc EXCEPT ![d] = next]
            /\ UNCHANGED msgPirq
       ELSE IF free = {}
            THEN /\ pc' = [pc EXCEPT ![d] = "failed"]
                 /\ UNCHANGED <<vec, msgPirq, irqPirq, hvPirq>>
            ELSE LET p == Max(free) IN
                 /\ hvPirq' = [hvPirq EXCEPT ![p] = d]
                 /\ msgPirq' = [msgPirq EXCEPT ![d][v] = p]
                 /\ irqPirq' = [irqPirq EXCEPT ![d][v] = p]
                 /\ vec' = [vec EXCEPT ![d] = IF v < nvec[d] THEN v + 1 ELSE v]
                 /\ pc' = [pc EXCEPT ![d] = next]
    /\ UNCHANGED <<nvec, msixEnabled, evtchn>>

\* request_irq() for each vector -> startup_pirq() -> EVTCHNOP_bind_pirq: fails
\* if the pirq is not mapped or already bound to an event channel ("Failed to
\* obtain physical IRQ"), also by an earlier vector of d on the same pirq
\* (possible with the cached pirq); then the driver frees the irqs it got and
\* the probe fails.  After the single vector the driver talks to the
\* controller and goes on; after all vectors it is done.
SharesPirqWithinDevice(d) ==
    \E v, w \in 1..nvec[d] : v # w /\ irqPirq[d][v] = irqPirq[d][w] /\ irqPirq[d][v] # NoPirq

\* @source linux-6.12.117 drivers/xen/events/events_base.c __startup_pirq "rc = HYPERVISOR_event_channel_op(EVTCHNOP_bind_pirq, &bind_pirq);" "Failed to obtain physical IRQ %d"
\* @source linux-6.1.192 drivers/xen/events/events_base.c __startup_pirq "EVTCHNOP_bind_pirq"
\* @source linux-6.12.117 drivers/xen/events/events_base.c startup_pirq "return __startup_pirq(info);"
\* @fidelity open: the guest side is faithful (request_irq -> startup_pirq -> EVTCHNOP_bind_pirq, one
\*   step for all vectors of the probe); that the bind fails on an unmapped pirq or on one already bound
\*   to an event channel is Xen's answer (evtchn_bind_pirq), read from the symptom in seed 002, not from
\*   Xen's source.  The kernel itself only warns and returns 0 from __startup_pirq; the driver's failure
\*   is nvme's reaction to the missing interrupt (seed 002's report), modelled as "failed".
StartupPirq(d) ==
    /\ pc[d] = "startup"
    /\ IF \/ \E p \in PirqsOf(d) : hvPirq[p] = Free \/ evtchn[p] # NoDevice
          \/ SharesPirqWithinDevice(d)
       THEN /\ pc' = [pc EXCEPT ![d] = "failed"]
            /\ UNCHANGED evtchn
       ELSE /\ evtchn' = [p \in Pirqs |-> IF p \in PirqsOf(d) THEN d ELSE evtchn[p]]
            /\ pc' = [pc EXCEPT ![d] = IF nvec[d] = 1 THEN "shutdown" ELSE "done"]
    /\ UNCHANGED <<nvec, vec, guestVars, hvPirq>>

\* pci_free_irq_vectors(): free_irq() -> shutdown_pirq(): EVTCHNOP_close.
\* @source linux-6.12.117 drivers/xen/events/events_base.c shutdown_pirq "xen_evtchn_close(evtchn);"
\* @source linux-6.1.192 drivers/xen/events/events_base.c shutdown_pirq "xen_evtchn_close(evtchn);"
\* @fidelity simplified: free_irq() of every vector is one step (the probe thread frees them in a row
\*   and no other thread reads its event channels in between).
ShutdownPirq(d) ==
    /\ pc[d] = "shutdown"
    /\ evtchn' = [p \in Pirqs |-> IF evtchn[p] = d THEN NoDevice ELSE evtchn[p]]
    /\ pc' = [pc EXCEPT ![d] = "disable"]
    /\ UNCHANGED <<nvec, vec, guestVars, hvPirq>>

\* pci_disable_msix() clears the MSI-X enable bit; QEMU traps the config
\* write and unmaps all of d's pirqs (c976437c7dba): the hypervisor frees them.
\* @source linux-6.12.117 drivers/pci/msi/msi.c pci_msix_shutdown "pci_msix_clear_and_set_ctrl(dev, PCI_MSIX_FLAGS_ENABLE, 0);"
\* @source linux-6.12.117 drivers/pci/msi/api.c pci_free_irq_vectors "pci_disable_msix(dev);"
\* @source qemu-2.1 c976437c7dba hw/xen/xen_pt_config_init.c xen_pt_msixctrl_reg_write "xen_pt_msix_disable(s);"
\* @source qemu-2.1 c976437c7dba hw/xen/xen_pt_msi.c xen_pt_msix_disable "msi_msix_disable(s, entry->addr, entry->data, entry->pirq, true, true);" "entry->pirq = XEN_PT_UNASSIGNED_PIRQ;"
\* @fidelity open: the guest's write is faithful; what follows is QEMU's (>= 2.1: unbind and
\*   xc_physdev_unmap_pirq of every entry, entry->pirq cleared) and Xen's (the unmapped pirq is free for
\*   PHYSDEVOP_get_free_pirq again).  Read from a post-2.1 QEMU mirror, not from 2.1 itself.  QEMU < 2.1
\*   (no disable branch) is not modelled: docs/audit/cfgaccess-xenpirq.md says why.
QemuDisableMsix(d) ==
    /\ pc[d] = "disable"
    /\ msixEnabled' = [msixEnabled EXCEPT ![d] = FALSE]
    /\ hvPirq' = [p \in Pirqs |-> IF hvPirq[p] = d THEN Free ELSE hvPirq[p]]
    /\ pc' = [pc EXCEPT ![d] = "teardown"]
    /\ UNCHANGED <<nvec, vec, msgPirq, irqPirq, evtchn>>

\* free_msi_irqs() -> xen_teardown_msi_irq() -> xen_destroy_irq(): the guest
\* frees its irqs (an HVM guest does not unmap the pirq); the MSI-X table
\* keeps its messages.
\* @source linux-6.12.117 arch/x86/pci/xen.c xen_teardown_msi_irqs "xen_destroy_irq(msidesc->irq + i);"
\* @source linux-6.12.117 drivers/xen/events/events_base.c xen_destroy_irq "if (xen_initial_domain() && !(info->u.pirq.flags & PIRQ_MSI_GROUP)) {" "xen_free_irq(info);"
\* @source linux-6.1.192 drivers/xen/events/events_base.c xen_destroy_irq "xen_free_irq(info);"
\* @fidelity faithful: an HVM guest is not the initial domain, so xen_destroy_irq() frees the irq (and
\*   with it xen_irq_from_pirq's entry) without PHYSDEVOP_unmap_pirq; the MSI-X table keeps its messages
\*   (nothing clears them).  One step for all vectors, as pci_free_msi_irqs() runs them in a row.
XenTeardownMsiIrq(d) ==
    /\ pc[d] = "teardown"
    /\ irqPirq' = [irqPirq EXCEPT ![d] = [v \in Vectors |-> NoPirq]]
    /\ pc' = [pc EXCEPT ![d] = "enable_all"]
    /\ UNCHANGED <<nvec, vec, msixEnabled, msgPirq, xenVars>>

-----------------------------------------------------------------------------
DeviceStep(d) ==
    \/ PciEnableMsixRange(d)
    \/ XenHvmSetupMsiIrqs(d)
    \/ StartupPirq(d)
    \/ ShutdownPirq(d)
    \/ QemuDisableMsix(d)
    \/ XenTeardownMsiIrq(d)

Finished(d) == pc[d] \in {"done", "failed"}
\* Both probes have returned: stuttering, so TLC does not call it a deadlock.
Terminated == (\A d \in Devices : Finished(d)) /\ UNCHANGED vars

Next == (\E d \in Devices : DeviceStep(d)) \/ Terminated

Spec == Init /\ [][Next]_vars /\ \A d \in Devices : WF_vars(DeviceStep(d))

-----------------------------------------------------------------------------
(* Invariants and properties                                                *)

\* No pirq is bound to irqs of two devices whose MSI-X is enabled: each
\* device's interrupts arrive on pirqs of its own.  (While a device's MSI-X is
\* being torn down its guest irqs may still name a pirq QEMU already freed
\* and the hypervisor gave to another device: that irq is not used again.)
NoSharedPirqInv ==
    \A p \in Pirqs : Cardinality({d \in Devices : msixEnabled[d] /\ p \in PirqsOf(d)}) <= 1

\* No initialisation fails (no pirq, or an event channel that cannot be bound).
NoInitFailureInv == \A d \in Devices : pc[d] # "failed"

\* Every initialisation that starts completes successfully.
AllInitsComplete == \A d \in Devices : <>(pc[d] = "done")

THEOREM Spec => [](TypeOK /\ NoSharedPirqInv /\ NoInitFailureInv)

-----------------------------------------------------------------------------
(* Swimlane view (make review): what the review shows of each probe thread. *)
(* TLC evaluates these on every state it writes to the state graph.  No     *)
(* locks: the race is on the pirq numbers, which the review's changed       *)
(* variables show.  No invariant or property reads them.                    *)

\* The columns: one probe thread per device (Devices, in order).
SwimlaneThreads == << "nvme0", "nvme1" >>
\* The variables the positions show: the review lists only the other variables' changes.
SwimlanePositionVars == {"pc"}

\* Where d's probe is, or "" once it has returned.
SwimlanePosition(d) ==
    CASE pc[d] = "done"   -> ""
      [] pc[d] = "failed" -> "probe failed"
      [] OTHER            -> pc[d]
SwimlaneBusy(d) == pc[d] \notin {"done", "failed"}
SwimlaneHolds(d) == << >>
SwimlaneNeeds(d) == [lock |-> "", holders |-> {}]
=============================================================================
