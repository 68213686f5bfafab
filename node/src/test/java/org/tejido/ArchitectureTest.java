package org.tejido;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.net.URISyntaxException;
import org.axonframework.serialization.Revision;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tejido.national.NationalRole;

/** The map of the code (docs/architecture.md) as rules the build checks. */
class ArchitectureTest {
    private static JavaClasses main;

    @BeforeAll
    static void importMainClasses() {
        main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tejido");
    }

    @Test
    void nationalAndRegionalRolesNeverDependOnEachOther() {
        noClasses()
                .that()
                .resideInAPackage("org.tejido.national..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.tejido.regional..")
                .allowEmptyShould(true)
                .check(main);
        noClasses()
                .that()
                .resideInAPackage("org.tejido.regional..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("org.tejido.national..")
                .allowEmptyShould(true)
                .check(main);
    }

    @Test
    void platformAndVocabularyDoNotKnowTheRoles() {
        noClasses()
                .that()
                .resideInAnyPackage("org.tejido.platform..", "org.tejido.vocabulary..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.tejido.national..", "org.tejido.regional..")
                .check(main);
    }

    @Test
    void vocabularyIsPlainJavaSoTheAuditToolsCanUseIt() {
        classes()
                .that()
                .resideInAPackage("org.tejido.vocabulary..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("org.tejido.vocabulary..", "java..", "com.fasterxml.jackson..")
                .check(main);
    }

    /**
     * The ledger is federation-proto's (ADR 0036), where {@code LedgerArchitectureTest} keeps it to the JDK
     * and Bouncy Castle. A class of the node in its packages would escape that rule and ship with the server
     * only, so the node compiles none.
     */
    @Test
    void ledgerIsNotCompiledInTheNode() throws URISyntaxException {
        // Given the node's own classes only: its output directory, not federation-proto's on the classpath
        String nodeClasses = Tejido.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI()
                .toString();
        JavaClasses node = new ClassFileImporter()
                .withImportOption(location -> location.asURI().toString().startsWith(nodeClasses))
                .importPackages("org.tejido");

        // Then the node has classes, and none of them in the ledger's packages
        classes().should().resideOutsideOfPackage("org.tejido.ledger..").check(node);
    }

    /**
     * Disclosure control is pure computation (the JDK and a pure-Java LP solver): an auditor's tool
     * recomputes a release with the same code, without the server.
     */
    @Test
    void disclosureControlDependsOnlyOnTheJdkAndItsSolver() {
        classes()
                .that()
                .resideInAPackage("org.tejido.regional.statistics.disclosure..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("org.tejido.regional.statistics.disclosure..", "java..", "org.ojalgo..")
                .check(main);
    }

    /**
     * The catalogue is pure computation too (no Spring, no database): an auditor's tool rebuilds a
     * release's model from the records with the same code.
     */
    @Test
    void catalogueDependsOnlyOnTheJdkTheVocabularyAndDisclosureControl() {
        classes()
                .that()
                .resideInAPackage("org.tejido.regional.statistics.catalogue..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(
                        "org.tejido.regional.statistics.catalogue..",
                        "org.tejido.regional.statistics",
                        "org.tejido.regional.statistics.disclosure..",
                        "org.tejido.vocabulary..",
                        "java..")
                .check(main);
    }

    /**
     * Attack data leaves the national domain only through minimization: nothing outside
     * {@code national} may reach into it, and inside it only {@code national.sharing} (which writes the
     * signed log) and {@code national.push} (which sends that log, and reads nothing else) may talk to
     * the ways out of the node (the log, the wire protocol, the network).
     */
    @Test
    void attackDataLeavesTheNationalDomainOnlyThroughMinimization() {
        // The main class may name the role's configuration (it holds no data), nothing else.
        noClasses()
                .that()
                .resideOutsideOfPackage("org.tejido.national..")
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.tejido.national..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(NationalRole.class))))
                .check(main);
        noClasses()
                .that()
                .resideInAPackage("org.tejido.national..")
                .and()
                .resideOutsideOfPackage("org.tejido.national.sharing..")
                .and()
                .resideOutsideOfPackage("org.tejido.national.push..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.tejido.ledger..", "org.tejido.federation..", "io.grpc..", "java.net.http..")
                .check(main);
        // The push only carries what the log already holds: it may not reach any other national package.
        noClasses()
                .that()
                .resideInAPackage("org.tejido.national.push..")
                .should()
                .dependOnClassesThat(
                        com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage("org.tejido.national..")
                                .and(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideOutsideOfPackages(
                                        "org.tejido.national.push..", "org.tejido.national.sharing..")))
                .allowEmptyShould(true)
                .check(main);
        classes()
                .that()
                .resideInAPackage("org.tejido.national.sharing..")
                .and()
                .implement(org.tejido.national.sharing.SharedAttack.class)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("org.tejido.national.sharing..", "java..")
                .check(main);
    }

    @Test
    void messagesAndViewsAreRecords() {
        classes()
                .that()
                .haveSimpleNameEndingWith("Command")
                .or()
                .haveSimpleNameEndingWith("Event")
                .or()
                .haveSimpleNameEndingWith("Query")
                .or()
                .haveSimpleNameEndingWith("View")
                .and()
                .areNotInterfaces()
                .should()
                .beRecords()
                .check(main);
    }

    @Test
    void eventsCarryARevision() {
        classes()
                .that()
                .haveSimpleNameEndingWith("Event")
                .and()
                .areNotInterfaces()
                .should()
                .beAnnotatedWith(Revision.class)
                .check(main);
    }

    @Test
    void eachAggregateOwnsItsMessages() {
        for (String feature : new String[] {"attack", "defender", "followup"}) {
            String own = "org.tejido.national." + feature;
            noClasses()
                    .that()
                    .resideOutsideOfPackage(own)
                    .and()
                    .resideOutsideOfPackages("org.tejido.national.web..", "org.tejido.national.importing..")
                    .and()
                    .resideOutsideOfPackage("org.tejido.national.cases..")
                    .should()
                    .dependOnClassesThat(com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage(own)
                            .and(com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith("Command")))
                    .check(main);
        }
    }
}
