package dev.roster.bootstrap;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.TreeMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;

/**
 * Keeps the served {@code /openapi} equal to {@code META-INF/openapi.yaml}: Payara Micro 6.2025.10 adds a
 * non-standard top-level {@code endpoints} map (built from the document's paths) to every document, which
 * makes it invalid OpenAPI. Its serialiser leaves out empty maps, so emptying that map removes the key.
 * The map is set on Payara's own model class, reached by reflection because the application does not
 * see that class; on a runtime without it (upstream renamed it {@code x-endpoints}) this does nothing.
 * See docs/adr/0012-openapi-static-document.md.
 */
public class OpenApiDocumentFilter implements OASFilter {
    private static final Logger LOG = Logger.getLogger(OpenApiDocumentFilter.class.getName());

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        try {
            Method setter = openAPI.getClass().getMethod("setEndpoints", Map.class);
            setter.invoke(openAPI, new TreeMap<String, Object>());
        } catch (NoSuchMethodException e) {
            LOG.fine("The OpenAPI model has no endpoints map; nothing to remove");
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.log(Level.WARNING, "Could not remove the runtime's endpoints key from /openapi", e);
        }
    }
}
