package org.tejido.national.cases;

import java.time.Instant;
import java.time.LocalDate;

public record FollowUpView(
        String followUpId, String kind, String status, LocalDate startedOn, String note, Instant updatedAt) {}
