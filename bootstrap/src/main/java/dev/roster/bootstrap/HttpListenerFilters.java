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
 * transport's filter chain. Those are looked up by name, so a runtime that changes them fails here with a
 * WARNING (and the ITs), never at class loading.
 */
final class HttpListenerFilters {
    private static final Logger LOG = Logger.getLogger(HttpListenerFilters.class.getName());
    private static final List<FilterChain> CHANGED = new ArrayList<>();
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
            for (FilterChain chain : httpChains()) {
                int handler = chain.indexOfType(HttpServerFilter.class);
                if (handler < 0 || chain.contains(filter)) {
                    continue;
                }
                chain.add(handler, filter);
                CHANGED.add(chain);
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
        for (FilterChain chain : CHANGED) {
            chain.remove(filter);
        }
        CHANGED.clear();
    }

    /** The filter chains of the server's started network listeners, through the runtime's own classes. */
    private static List<FilterChain> httpChains() throws ReflectiveOperationException {
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
        List<FilterChain> chains = new ArrayList<>();
        for (Object config : (List<?>) getAllServices.invoke(locator, listenerConfigType, new Annotation[0])) {
            Object proxy = lookupProxy.invoke(grizzly, config);
            if (proxy == null || !underlyingListener.getDeclaringClass().isInstance(proxy)) {
                continue; // a disabled listener, or one that is not Grizzly's
            }
            Object listener = underlyingListener.invoke(proxy);
            if (grizzlyListenerType.isInstance(listener)
                    && transportOf.invoke(listener) instanceof Transport transport
                    && transport.getProcessor() instanceof FilterChain chain) {
                chains.add(chain);
            }
        }
        return chains;
    }
}
