package org.tejido.national.importing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.tejido.national.attack.AttackRules;
import org.tejido.national.attack.RecordAttackCommand;
import org.tejido.platform.problem.Rejection;
import org.tejido.vocabulary.UnknownCodeException;

/**
 * Imports a network's past registry: every row is judged by the same rules as an attack recorded over
 * HTTP before anything is written, then the accepted rows are recorded in one database transaction.
 *
 * <p>One transaction is what makes "all or nothing" true even when a write fails half-way: the
 * command bus runs each handler in this thread and Axon's Spring transaction manager joins the
 * transaction opened here, so every event of the import commits or rolls back together, and
 * projections, which read only committed events, never see a partial import.
 */
@Component
class AttackImporter {
    static final int MAX_ROWS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(AttackImporter.class);

    private final AttackCsvReader reader = new AttackCsvReader(MAX_ROWS);
    private final AttackRules rules;
    private final CommandGateway commands;
    private final TransactionTemplate transaction;

    AttackImporter(AttackRules rules, CommandGateway commands, PlatformTransactionManager transactions) {
        this.rules = rules;
        this.commands = commands;
        this.transaction = new TransactionTemplate(transactions);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRED);
    }

    ImportReport importCsv(byte[] body, ImportMode mode) {
        long started = System.nanoTime();
        List<CsvRow> rows = reader.read(body);
        List<CsvRow.Parsed> accepted = new ArrayList<>();
        List<CsvRow.Rejected> rejected = new ArrayList<>();
        for (CsvRow row : rows) {
            CsvRow judged = row instanceof CsvRow.Parsed parsed ? judge(parsed) : row;
            if (judged instanceof CsvRow.Parsed ok) {
                accepted.add(ok);
            } else {
                rejected.add((CsvRow.Rejected) judged);
            }
        }
        ImportReport report;
        if (mode == ImportMode.ALL_OR_NOTHING && !rejected.isEmpty()) {
            report = new ImportReport(rows.size(), 0, rejected, mode);
        } else {
            write(accepted);
            report = new ImportReport(rows.size(), accepted.size(), rejected, mode);
        }
        log.info(
                "Attack import ({}): {} rows read, {} imported, {} rejected, {} ms",
                mode.parameter(),
                report.rowsRead(),
                report.imported(),
                report.rejected().size(),
                (System.nanoTime() - started) / 1_000_000);
        return report;
    }

    private CsvRow judge(CsvRow.Parsed row) {
        try {
            rules.check(row.facts());
            rules.check(row.classification());
            return row;
        } catch (Rejection e) {
            return new CsvRow.Rejected(row.line(), e.code(), e.args());
        } catch (UnknownCodeException e) {
            String code = e.retired() ? "vocabulary.retired-code" : "vocabulary.unknown-code";
            return new CsvRow.Rejected(row.line(), code, List.of(e.scheme(), e.value()));
        }
    }

    private void write(List<CsvRow.Parsed> rows) {
        transaction.executeWithoutResult(status -> {
            for (CsvRow.Parsed row : rows) {
                try {
                    commands.sendAndWait(
                            new RecordAttackCommand(UUID.randomUUID().toString(), row.facts(), row.classification()));
                } catch (RuntimeException e) {
                    // Rows were judged already, so this is the store or a rule that changed meanwhile;
                    // the exception leaving the template rolls back every row written before it.
                    log.warn("Attack import rolled back: line {} failed to write", row.line());
                    throw e;
                }
            }
        });
    }
}
