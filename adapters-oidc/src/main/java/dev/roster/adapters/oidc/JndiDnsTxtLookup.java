package dev.roster.adapters.oidc;

import dev.roster.application.port.out.DnsTxtLookup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Hashtable;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.naming.NamingEnumeration;
import javax.naming.NamingException;
import javax.naming.directory.Attribute;
import javax.naming.directory.Attributes;
import javax.naming.directory.DirContext;
import javax.naming.directory.InitialDirContext;

/** TXT records through the JDK's JNDI DNS provider ({@code com.sun.jndi.dns}), with the system's resolvers; empty on any failure. */
@ApplicationScoped
public class JndiDnsTxtLookup implements DnsTxtLookup {
    private static final Logger LOG = Logger.getLogger(JndiDnsTxtLookup.class.getName());

    @Override
    public List<String> txt(String domain) {
        Hashtable<String, String> env = new Hashtable<>();
        env.put("java.naming.factory.initial", "com.sun.jndi.dns.DnsContextFactory");
        env.put("com.sun.jndi.dns.timeout.initial", "2000");
        env.put("com.sun.jndi.dns.timeout.retries", "2");
        List<String> out = new ArrayList<>();
        DirContext ctx = null;
        try {
            ctx = new InitialDirContext(env);
            Attributes attrs = ctx.getAttributes("dns:/" + domain, new String[] {"TXT"});
            Attribute txt = attrs.get("TXT");
            if (txt != null) {
                NamingEnumeration<?> values = txt.getAll();
                while (values.hasMore()) {
                    out.add(unquote(String.valueOf(values.next())));
                }
            }
        } catch (NamingException e) {
            LOG.log(Level.FINE, "No TXT records for {0}: {1}", new Object[] {domain, e.getClass().getSimpleName()});
        } finally {
            if (ctx != null) {
                try {
                    ctx.close();
                } catch (NamingException ignored) {
                    // nothing held
                }
            }
        }
        return out;
    }

    /** A TXT value as JNDI gives it: one or more quoted strings; joined without quotes. */
    static String unquote(String v) {
        String s = v.strip();
        if (!s.contains("\"")) {
            return s;
        }
        StringBuilder b = new StringBuilder();
        boolean in = false;
        for (char ch : s.toCharArray()) {
            if (ch == '"') {
                in = !in;
            } else if (in) {
                b.append(ch);
            }
        }
        return b.toString();
    }
}
