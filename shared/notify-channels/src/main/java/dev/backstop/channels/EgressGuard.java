package dev.backstop.channels;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Where Backstop may send a request that a rule file points at. Loopback and link-local
 * addresses are refused: in Lambda they are the runtime API and the container credentials
 * endpoint, which a team file written by the wrong person must never reach. The host is resolved
 * and each of its addresses checked, so a DNS name for 127.0.0.1 is refused too.
 */
public final class EgressGuard {

    /** What the notification function uses: public and private networks, never this machine. */
    public static final EgressGuard PUBLIC = new EgressGuard(false);

    private final boolean loopbackAllowed;

    private EgressGuard(boolean loopbackAllowed) {
        this.loopbackAllowed = loopbackAllowed;
    }

    /** For tests whose channel endpoints are servers on this machine. */
    public static EgressGuard allowingLoopback() {
        return new EgressGuard(true);
    }

    /** Throws {@link DeliveryException} unless the URI is https and its host is allowed. */
    void check(URI uri) {
        if (!"https".equals(uri.getScheme()) || uri.getHost() == null) {
            throw new DeliveryException("refused " + describe(uri) + ": only https:// URLs with a host are called");
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(uri.getHost());
        } catch (UnknownHostException e) {
            throw new DeliveryException("cannot resolve " + uri.getHost());
        }
        for (InetAddress address : addresses) {
            boolean local = address.isLoopbackAddress() || address.isAnyLocalAddress();
            if (address.isLinkLocalAddress() || address.isMulticastAddress() || local && !loopbackAllowed) {
                throw new DeliveryException("refused " + describe(uri) + ": " + uri.getHost() + " is " + address.getHostAddress()
                        + ", a loopback, link-local or multicast address");
            }
        }
    }

    /** The URI without its path, query or user part: paths of webhook URLs are often credentials themselves. */
    static String describe(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
    }
}
