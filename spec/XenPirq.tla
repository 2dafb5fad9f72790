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

CONSTANT Design     \* which code the guest kernel runs (see Designs)

Devices == {"nvme0", "nvme1"}
NumVectors == 2             \* MSI-X vectors a driver enables in the end ("all")
Vectors == 1..NumVectors
Pirqs == 1..4               \* enough for both devices' vectors at once
NoPirq == 0                 \* in a message: not a Xen pirq message (data != XEN_PIRQ_MSI_DATA)
Free == "free"
NoDevice == "none"

-----------------------------------------------------------------------------
(* Designs                                                                  *)

Designs == {
    "xen-pirq-cached",  \* af42b8d12f8a: re-use the pirq cached in the MSI message if it maps to an irq
    "xen-pirq-fresh"    \* c74fd80f2f41: always allocate a fresh pirq
}
ASSUME Design \in Designs

\* af42b8d12f8a: xen_hvm_setup_msi_irqs() re-uses the cached pirq when
\* xen_irq_from_pirq() finds an irq for it; c74fd80f2f41 removed that.
ReusesCachedPirq == Design = "xen-pirq-cached"

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
XenHvmSetupMsiIrqs(d) ==
    LET v == vec[d]
        cached == msgPirq[d][v]
        reuse == ReusesCachedPirq /\ cached # NoPirq /\ XenIrqFromPirq(cached)
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
ShutdownPirq(d) ==
    /\ pc[d] = "shutdown"
    /\ evtchn' = [p \in Pirqs |-> IF evtchn[p] = d THEN NoDevice ELSE evtchn[p]]
    /\ pc' = [pc EXCEPT ![d] = "disable"]
    /\ UNCHANGED <<nvec, vec, guestVars, hvPirq>>

\* pci_disable_msix() clears the MSI-X enable bit; QEMU traps the config
\* write and unmaps all of d's pirqs (c976437c7dba): the hypervisor frees them.
QemuDisableMsix(d) ==
    /\ pc[d] = "disable"
    /\ msixEnabled' = [msixEnabled EXCEPT ![d] = FALSE]
    /\ hvPirq' = [p \in Pirqs |-> IF hvPirq[p] = d THEN Free ELSE hvPirq[p]]
    /\ pc' = [pc EXCEPT ![d] = "teardown"]
    /\ UNCHANGED <<nvec, vec, msgPirq, irqPirq, evtchn>>

\* free_msi_irqs() -> xen_teardown_msi_irq() -> xen_destroy_irq(): the guest
\* frees its irqs (an HVM guest does not unmap the pirq); the MSI-X table
\* keeps its messages.
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
=============================================================================
