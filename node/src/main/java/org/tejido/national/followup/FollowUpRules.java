package org.tejido.national.followup;

import java.time.Clock;
import java.time.LocalDate;
import org.tejido.national.attack.AttackDirectory;
import org.tejido.national.attack.Ids;
import org.tejido.platform.problem.Rejection;
import org.tejido.platform.problem.TextFields;
import org.tejido.vocabulary.SchemeName;
import org.tejido.vocabulary.Vocabulary;

public class FollowUpRules {
    static final int MAX_NOTE = 2_000;

    private final Vocabulary vocabulary;
    private final AttackDirectory attacks;
    private final Clock clock;

    public FollowUpRules(Vocabulary vocabulary, AttackDirectory attacks, Clock clock) {
        this.vocabulary = vocabulary;
        this.attacks = attacks;
        this.clock = clock;
    }

    void checkOpening(OpenFollowUpCommand command) {
        if (!Ids.isUuid(command.followUpId())) {
            throw Rejection.invalid("follow-up.id-malformed", String.valueOf(command.followUpId()));
        }
        if (command.attackId() == null || !attacks.isRecorded(command.attackId())) {
            throw Rejection.notFound("attack.not-found", String.valueOf(command.attackId()));
        }
        vocabulary.requireActive(SchemeName.FOLLOW_UP_KIND, command.kind());
        checkStatus(command.status());
        if (command.startedOn() == null) {
            throw Rejection.invalid("field.required", "startedOn");
        }
        if (command.startedOn().isAfter(LocalDate.now(clock))) {
            throw Rejection.invalid("date.future", command.startedOn().toString());
        }
        checkNote(command.note());
    }

    boolean isClosed(String status) {
        return "closed"
                .equals(vocabulary
                        .requireActive(SchemeName.FOLLOW_UP_STATUS, status)
                        .group());
    }

    void checkStatus(String status) {
        vocabulary.requireActive(SchemeName.FOLLOW_UP_STATUS, status);
    }

    void checkNote(String note) {
        TextFields.requireStorable("note", note);
        if (note != null && note.length() > MAX_NOTE) {
            throw Rejection.invalid("field.too-long", "note", String.valueOf(MAX_NOTE));
        }
    }
}
