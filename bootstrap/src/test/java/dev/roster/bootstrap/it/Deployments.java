package dev.roster.bootstrap.it;

import java.io.File;
import org.jboss.shrinkwrap.api.ShrinkWrap;
import org.jboss.shrinkwrap.api.importer.ZipImporter;
import org.jboss.shrinkwrap.api.spec.WebArchive;

/** The real WAR as built by the package phase, deployed at the server root. */
public final class Deployments {
    private Deployments() {
    }

    public static WebArchive realWar() {
        File war = new File(System.getProperty("roster.war", "target/ROOT.war"));
        if (!war.isFile()) {
            throw new IllegalStateException("Build the WAR first (mvn package): " + war.getAbsolutePath());
        }
        return ShrinkWrap.create(ZipImporter.class, "ROOT.war").importFrom(war).as(WebArchive.class);
    }
}
