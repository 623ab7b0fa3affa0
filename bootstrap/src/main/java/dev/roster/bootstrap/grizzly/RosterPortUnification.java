package dev.roster.bootstrap.grizzly;

import java.util.logging.Logger;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.http.server.HttpServerFilter;
import org.glassfish.grizzly.portunif.PUFilter;
import org.glassfish.grizzly.portunif.PUProtocol;
import org.glassfish.grizzly.portunif.ProtocolFinder;

/**
 * The port-unification filter of Roster's HTTP listener (pre-boot-commands.txt, ADR 0043): it serves the
 * runtime's own HTTP protocol unchanged, with {@link MalformedPathFilter} inserted just before the
 * runtime's request handler ({@link HttpServerFilter}), the one place that sees every request's path
 * before the runtime decodes it. This is the documented way to give a GlassFish/Payara listener its own
 * Grizzly filter without replacing its HTTP stack.
 */
public final class RosterPortUnification extends PUFilter {
    private static final Logger LOG = Logger.getLogger(RosterPortUnification.class.getName());

    @Override
    public PUProtocol register(ProtocolFinder finder, FilterChain chain) {
        int handler = -1;
        for (int i = 0; i < chain.size(); i++) {
            if (chain.get(i) instanceof HttpServerFilter) {
                handler = i;
                break;
            }
        }
        if (handler >= 0) {
            chain.add(handler, new MalformedPathFilter());
        } else {
            LOG.warning("The protocol of " + finder + " has no HTTP request handler; paths are not checked there");
        }
        return super.register(finder, chain);
    }
}
