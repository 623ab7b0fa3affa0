package dev.roster.bootstrap;

import dev.roster.adapters.rest.http.JsonFactory;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import dev.roster.application.RosterSettings;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The hexagon: arrows point inwards, adapters do not see each other, JPA stays in its adapter. */
class HexagonalArchitectureTest {
    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // Nimbus, relocated into adapters-oidc's jar (ADR 0046), is a library, not our code
                .withImportOption(location -> !location.contains("/dev/roster/adapters/oidc/lib/"))
                .importPackages("dev.roster");
    }

    @Test
    void theWholeCodeBaseIsImported() {
        // guards the rules below against passing on an empty import
        org.assertj.core.api.Assertions.assertThat(classes.stream().map(c -> c.getPackageName()).distinct())
                .contains("dev.roster.domain.membership", "dev.roster.application.service", "dev.roster.adapters.persistence",
                        "dev.roster.adapters.mail", "dev.roster.adapters.rest.members", "dev.roster.adapters.rest.problem", "dev.roster.adapters.security", "dev.roster.adapters.oidc", "dev.roster.bootstrap",
                        "dev.roster.adapters.webhooks", "dev.roster.adapters.scim");
    }

    /**
     * The one exception (ADR 41): the email value object converts its domain with ICU4J's UTS #46
     * ({@code com.ibm.icu.text.IDNA}), which the JDK lacks; nothing else of ICU, nowhere else in the domain.
     */
    @Test
    void theDomainDependsOnNothingButTheJdk() {
        ArchRule rule = classes().that().resideInAPackage("dev.roster.domain..")
                .and().doNotHaveFullyQualifiedName("dev.roster.domain.common.EmailAddress")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.roster.domain..", "java..");
        rule.check(classes);
        classes().that().haveFullyQualifiedName("dev.roster.domain.common.EmailAddress")
                .should().onlyDependOnClassesThat().haveNameMatching("java\\..*|dev\\.roster\\.domain\\..*|com\\.ibm\\.icu\\.text\\.IDNA(\\$.*)?")
                .check(classes);
    }

    /** The aggregates' packages depend on each other in one direction only (invitation → membership → identity, role…). */
    @Test
    void theDomainsPackagesHaveNoCycles() {
        com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices().matching("dev.roster.domain.(*)..")
                .should().beFreeOfCycles().check(classes);
    }

    @Test
    void theApplicationSeesOnlyTheDomainAndInjectionAndTransactions() {
        ArchRule rule = classes().that().resideInAPackage("dev.roster.application..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.roster.application..", "dev.roster.domain..",
                        "java..", "jakarta.inject..", "jakarta.enterprise.context..", "jakarta.transaction..");
        rule.check(classes);
    }

    @Test
    void adaptersDoNotImportEachOther() {
        String[][] pairs = {
            {"dev.roster.adapters.rest..", "dev.roster.adapters.persistence.."},
            {"dev.roster.adapters.rest..", "dev.roster.adapters.mail.."},
            {"dev.roster.adapters.persistence..", "dev.roster.adapters.rest.."},
            {"dev.roster.adapters.persistence..", "dev.roster.adapters.mail.."},
            {"dev.roster.adapters.mail..", "dev.roster.adapters.rest.."},
            {"dev.roster.adapters.mail..", "dev.roster.adapters.persistence.."},
            {"dev.roster.adapters.security..", "dev.roster.adapters.rest.."},
            {"dev.roster.adapters.security..", "dev.roster.adapters.persistence.."},
            {"dev.roster.adapters.security..", "dev.roster.adapters.mail.."},
            {"dev.roster.adapters.rest..", "dev.roster.adapters.security.."},
            {"dev.roster.adapters.persistence..", "dev.roster.adapters.security.."},
            {"dev.roster.adapters.mail..", "dev.roster.adapters.security.."},
        };
        // issue 19: the OpenID Connect adapter imports no other adapter, and none imports it
        for (String other : new String[] {"rest", "persistence", "mail", "security"}) {
            noClasses().that().resideInAPackage("dev.roster.adapters.oidc..").should().dependOnClassesThat()
                    .resideInAPackage("dev.roster.adapters." + other + "..").check(classes);
            noClasses().that().resideInAPackage("dev.roster.adapters." + other + "..").should().dependOnClassesThat()
                    .resideInAPackage("dev.roster.adapters.oidc..").check(classes);
        }
        for (String[] p : pairs) {
            noClasses().that().resideInAPackage(p[0]).should().dependOnClassesThat().resideInAPackage(p[1]).check(classes);
        }
        // issue 21: the webhooks adapter sees no other adapter, and none sees it
        noClasses().that().resideInAPackage("dev.roster.adapters.webhooks..").should().dependOnClassesThat()
                .resideInAnyPackage("dev.roster.adapters.rest..", "dev.roster.adapters.persistence..", "dev.roster.adapters.mail..",
                        "dev.roster.adapters.security..").check(classes);
        noClasses().that().resideInAnyPackage("dev.roster.adapters.rest..", "dev.roster.adapters.persistence..",
                "dev.roster.adapters.mail..", "dev.roster.adapters.security..").should().dependOnClassesThat()
                .resideInAPackage("dev.roster.adapters.webhooks..").check(classes);
    }

    /** Issue 20: the SCIM adapter imports no other adapter, and no other adapter imports it. */
    @Test
    void theScimAdapterImportsNoOtherAdapterNorIsImported() {
        noClasses().that().resideInAPackage("dev.roster.adapters.scim..")
                .should().dependOnClassesThat(resideInAPackage("dev.roster.adapters..")
                        .and(not(resideInAPackage("dev.roster.adapters.scim.."))))
                .check(classes);
        noClasses().that().resideInAPackage("dev.roster.adapters..")
                .and().resideOutsideOfPackage("dev.roster.adapters.scim..")
                .should().dependOnClassesThat().resideInAPackage("dev.roster.adapters.scim..").check(classes);
    }

    /**
     * Of the application, adapters see only its ports (and the domain). The one exception is
     * {@link RosterSettings}: the configuration record the composition root (bootstrap) reads once
     * and hands to everyone, adapters included (the public URL for links, the hash parameters).
     */
    @Test
    void adaptersReachTheApplicationOnlyThroughItsPorts() {
        noClasses().that().resideInAPackage("dev.roster.adapters..")
                .should().dependOnClassesThat(resideInAPackage("dev.roster.application..")
                        .and(not(resideInAPackage("dev.roster.application.port..")))
                        .and(not(belongToAnyOf(RosterSettings.class))))
                .check(classes);
    }

    /**
     * buckpal's {@code incomingAndOutgoingPortsDoNotDependOnEachOther}: what a caller asks ({@code
     * port.in}) and what the application needs ({@code port.out}) change for different reasons. A value
     * type both sides need lives in the domain or in {@code application.port} itself, which depends on
     * neither side (ADR 0044).
     */
    @Test
    void incomingAndOutgoingPortsDoNotDependOnEachOther() {
        noClasses().that().resideInAPackage("dev.roster.application.port.in..")
                .should().dependOnClassesThat().resideInAPackage("dev.roster.application.port.out..").check(classes);
        noClasses().that().resideInAPackage("dev.roster.application.port.out..")
                .should().dependOnClassesThat().resideInAPackage("dev.roster.application.port.in..").check(classes);
        noClasses().that().resideInAPackage("dev.roster.application.port")
                .should().dependOnClassesThat().resideInAnyPackage("dev.roster.application.port.in..",
                        "dev.roster.application.port.out..").check(classes);
    }

    @Test
    void portsDoNotDependOnServices() {
        noClasses().that().resideInAPackage("dev.roster.application.port..")
                .should().dependOnClassesThat().resideInAPackage("dev.roster.application.service..").check(classes);
    }

    @Test
    void nothingInsideDependsOnTheOutside() {
        noClasses().that().resideInAnyPackage("dev.roster.domain..", "dev.roster.application..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.roster.adapters..", "dev.roster.bootstrap..")
                .check(classes);
        noClasses().that().resideInAPackage("dev.roster.adapters..")
                .should().dependOnClassesThat().resideInAPackage("dev.roster.bootstrap..").check(classes);
    }

    @Test
    void entitiesLiveOnlyInThePersistenceAdapter() {
        classes().that().areAnnotatedWith(jakarta.persistence.Entity.class)
                .should().resideInAPackage("dev.roster.adapters.persistence..").check(classes);
        noClasses().that().resideOutsideOfPackage("dev.roster.adapters.persistence..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.persistence..").check(classes);
    }

    @Test
    void jaxRsStaysInTheRestAdapterAndBootstrap() {
        noClasses().that().resideOutsideOfPackages("dev.roster.adapters.rest..", "dev.roster.adapters.scim..",
                        "dev.roster.bootstrap..")
                .should().dependOnClassesThat().resideInAPackage("jakarta.ws.rs..").check(classes);
    }

    /** {@code jakarta.json.Json}'s factory methods look the provider up on every call (see JsonFactory). */
    @Test
    void jsonBuildersComeFromAProviderLookedUpOnce() {
        noClasses().should().callMethodWhere(com.tngtech.archunit.core.domain.JavaCall.Predicates.target(
                com.tngtech.archunit.core.domain.properties.HasOwner.Predicates.With.owner(
                        com.tngtech.archunit.base.DescribedPredicate.describe("jakarta.json.Json",
                                o -> o.getName().equals("jakarta.json.Json"))))).check(classes);
    }
}
