package dev.roster.bootstrap;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.glassfish.grizzly.Transport;
import org.glassfish.grizzly.filterchain.FilterChain;
import org.glassfish.grizzly.http.server.HttpServerFilter;

/**
 * Puts {@link UndecodablePathFilter} into the Grizzly filter chain of each of the server's HTTP listeners,
 * just before the runtime's request handler, when the application starts, and takes it out when it stops
 * (review N3, ADR 0037).
 *
 * <p>Payara Micro 6 offers no supported way to add a filter to a listener: its own add-on hooks are HK2
 * services, and its service locator reads no descriptor from {@code --addLibs} jars; port unification
 * carries a filter but breaks blocking body reads. So this reaches the built chain through the runtime's
 * classes: {@code Globals.getDefaultHabitat()} → {@code GrizzlyService.lookupNetworkProxy(listener)} →
 * {@code GrizzlyProxy.getUnderlyingListener()} → {@code GenericGrizzlyListener.getTransport()} → the
 * transport, whose filter chain is replaced by a copy with the check in it. Those are looked up by name, so a runtime that changes them fails here with a
 * WARNING (and the ITs), never at class loading.
 */
final class HttpListenerFilters {
    private static final Logger LOG = Logger.getLogger(HttpListenerFilters.class.getName());
    /** Each transport changed, with the chain it had before. */
    private static final java.util.Map<Transport, org.glassfish.grizzly.Processor<?>> CHANGED = new java.util.LinkedHashMap<>();
    private static UndecodablePathFilter filter;

    private HttpListenerFilters() {
    }

    /** Installs the filter on every HTTP listener's chain that does not have it yet; returns how many. */
    static synchronized int install() {
        if (filter == null) {
            filter = new UndecodablePathFilter();
        }
        int added = 0;
        try {
            for (Transport transport : httpTransports()) {
                if (!(transport.getProcessor() instanceof FilterChain chain)) {
                    continue;
                }
                int handler = chain.indexOfType(HttpServerFilter.class);
                if (handler < 0 || chain.contains(filter)) {
                    continue;
                }
                // A new chain, not the running one changed in place: a connection keeps per-chain state
                // sized by its chain's length (Grizzly's FiltersState), so inserting into a chain that open
                // connections are using throws ArrayIndexOutOfBoundsException on them. New events run the
                // new chain with fresh state.
                FilterChain checked = org.glassfish.grizzly.filterchain.FilterChainBuilder.stateless().addAll(chain).build();
                checked.add(handler, filter);
                transport.setProcessor(checked);
                CHANGED.put(transport, chain);
                added++;
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not add the path check to the HTTP listeners: a path with a malformed "
                    + "percent-escape is answered by the runtime (an empty 200 or 400) instead of 400 problem+json", e);
            return added;
        }
        if (added == 0 && CHANGED.isEmpty()) {
            LOG.warning("No HTTP listener's filter chain was found: a path with a malformed percent-escape is answered "
                    + "by the runtime (an empty 200 or 400) instead of 400 problem+json");
        }
        return added;
    }

    /** Takes the filter out of every chain it was put into. */
    static synchronized void uninstall() {
        CHANGED.forEach(Transport::setProcessor);
        CHANGED.clear();
    }

    /** The filter chains of the server's started network listeners, through the runtime's own classes. */
    private static List<Transport> httpTransports() throws ReflectiveOperationException {
        ClassLoader loader = HttpListenerFilters.class.getClassLoader();
        Object locator = Class.forName("org.glassfish.internal.api.Globals", true, loader).getMethod("getDefaultHabitat").invoke(null);
        Class<?> locatorType = Class.forName("org.glassfish.hk2.api.ServiceLocator", true, loader);
        Method getService = locatorType.getMethod("getService", Class.class, Annotation[].class);
        Method getAllServices = locatorType.getMethod("getAllServices", Class.class, Annotation[].class);
        Class<?> grizzlyServiceType = Class.forName("com.sun.enterprise.v3.services.impl.GrizzlyService", true, loader);
        Class<?> listenerConfigType = Class.forName("org.glassfish.grizzly.config.dom.NetworkListener", true, loader);
        Method lookupProxy = grizzlyServiceType.getMethod("lookupNetworkProxy", listenerConfigType);
        Method underlyingListener = Class.forName("com.sun.enterprise.v3.services.impl.GrizzlyProxy", true, loader)
                .getMethod("getUnderlyingListener");
        Class<?> grizzlyListenerType = Class.forName("org.glassfish.grizzly.config.GenericGrizzlyListener", true, loader);
        Method transportOf = grizzlyListenerType.getMethod("getTransport");

        Object grizzly = getService.invoke(locator, grizzlyServiceType, new Annotation[0]);
        List<Transport> transports = new ArrayList<>();
        for (Object config : (List<?>) getAllServices.invoke(locator, listenerConfigType, new Annotation[0])) {
            Object proxy = lookupProxy.invoke(grizzly, config);
            if (proxy == null || !underlyingListener.getDeclaringClass().isInstance(proxy)) {
                continue; // a disabled listener, or one that is not Grizzly's
            }
            Object listener = underlyingListener.invoke(proxy);
            if (grizzlyListenerType.isInstance(listener)
                    && transportOf.invoke(listener) instanceof Transport transport) {
                transports.add(transport);
            }
        }
        return transports;
    }
}
