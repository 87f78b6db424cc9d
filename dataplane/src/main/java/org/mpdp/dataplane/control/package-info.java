/**
 * The control seam: packets for the box itself (ARP, IPv6 neighbour discovery, its own addresses) reach
 * a {@link org.mpdp.dataplane.control.ControlPlane} on the control thread, which replies or sends new
 * frames through an {@link org.mpdp.dataplane.control.Injector}. {@link org.mpdp.dataplane.control.ControlResponder}
 * is the built-in plane: ARP and ICMP echo for configured IPv4 addresses.
 */
package org.mpdp.dataplane.control;
