/*
 * Links the shim built against the installed DPDK and prints what DpdkAbi and Eal read from it:
 * the release it was compiled for and the EAL's default driver directory. DebianAbiProbeIT runs it
 * in a trixie root, where the host's JVM cannot load that root's DPDK.
 */
#include <stdio.h>
#include "mpdp_shim.h"

int main(void)
{
    printf("release %d\n", mpdp_dpdk_release());
    printf("pmd_dir %s\n", mpdp_pmd_dir());
    return 0;
}
