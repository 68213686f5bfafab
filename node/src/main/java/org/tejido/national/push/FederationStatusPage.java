package org.tejido.national.push;

import io.swagger.v3.oas.annotations.Hidden;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Whether the node's federation log reaches the regional aggregator: the last checkpoint it confirmed,
 * whether it cosigned it, what is not sent yet and since when, and the last failure's code. The
 * verdict is said in a sentence (behind, failing, not configured), never by colour alone. Sizes,
 * times and codes only: nothing of what the log carries.
 */
@Controller
@Hidden // a page, not part of the API
class FederationStatusPage {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'");

    private final FederationStatusReader reader;
    private final Clock clock;
    private final Duration behindAfter;

    FederationStatusPage(
            FederationStatusReader reader,
            Clock clock,
            @Value("${tejido.federation.status.behind-after:PT10M}") Duration behindAfter) {
        this.reader = reader;
        this.clock = clock;
        this.behindAfter = behindAfter;
    }

    @GetMapping("/federation")
    String federation(Model model) {
        FederationStatus status = reader.read();
        Instant now = clock.instant();
        model.addAttribute("status", status);
        model.addAttribute(
                "state", status.state(now, behindAfter).name().toLowerCase().replace('_', '-'));
        model.addAttribute("behindMinutes", behindAfter.toMinutes());
        model.addAttribute("lastSignedAt", when(status.lastSignedAt()));
        model.addAttribute("pushedAt", when(status.pushedAt()));
        model.addAttribute("failingSince", when(status.failingSince()));
        model.addAttribute("oldestUnsentAt", when(status.oldestUnsentAt()));
        model.addAttribute("oldestUnsentAge", age(status.oldestUnsentAt(), now));
        return "federation";
    }

    private static String when(Instant at) {
        return at == null ? null : WHEN.format(at.atOffset(ZoneOffset.UTC));
    }

    /** Whole minutes, at least 0: the page words it ("hace 12 minutos"). */
    private static Long age(Instant at, Instant now) {
        return at == null ? null : Math.max(0, Duration.between(at, now).toMinutes());
    }
}
