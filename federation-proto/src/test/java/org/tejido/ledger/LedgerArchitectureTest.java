package org.tejido.ledger;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The ledger is a library an auditor runs without the server (ADR 0036): whatever it depends on, every tool
 * that checks a log depends on too.
 */
class LedgerArchitectureTest {

    @Test
    void ledgerDependsOnlyOnTheJdkBouncyCastleAndItself() {
        // Given the ledger's compiled classes (ArchUnit fails the rule if none were imported)
        JavaClasses ledger = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.tejido.ledger");

        // Then none reaches beyond the JDK and Bouncy Castle: no Spring, Axon, Jackson, gRPC or protobuf,
        // and nothing of org.tejido outside the ledger (not even this module's generated stubs)
        classes()
                .that()
                .resideInAPackage("org.tejido.ledger..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("org.tejido.ledger..", "java..", "org.bouncycastle..")
                .check(ledger);
    }
}
