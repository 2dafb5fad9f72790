// SPDX-License-Identifier: GPL-2.0
/*
 * pcilc_pf: the PF driver that PciCore's model assumes, for the kernel lab (kernel/amd64.sh).
 *
 * It binds QEMU's emulated NVMe controller (1b36:0010; its SR-IOV VFs have the same id), touches no
 * register, lets sriov_numvfs enable VFs (pci_sriov_configure_simple) and, unlike nvme, disables
 * SR-IOV in .remove (on a VF pci_disable_sriov() does nothing).
 */
#include <linux/module.h>
#include <linux/pci.h>

static int pcilc_pf_probe(struct pci_dev *pdev, const struct pci_device_id *id)
{
	return 0;
}

static void pcilc_pf_remove(struct pci_dev *pdev)
{
	pci_disable_sriov(pdev);
}

static const struct pci_device_id pcilc_pf_ids[] = {
	{ PCI_VDEVICE(REDHAT, 0x0010) },
	{ }
};
MODULE_DEVICE_TABLE(pci, pcilc_pf_ids);

static struct pci_driver pcilc_pf_driver = {
	.name = "pcilc_pf",
	.id_table = pcilc_pf_ids,
	.probe = pcilc_pf_probe,
	.remove = pcilc_pf_remove,
	.sriov_configure = pci_sriov_configure_simple,
};
module_pci_driver(pcilc_pf_driver);

MODULE_DESCRIPTION("PF driver of the pcilc kernel lab: disables SR-IOV in .remove");
MODULE_LICENSE("GPL");
