package org.tejido.platform.axon;

import java.util.Optional;
import java.util.Set;
import javax.annotation.Nonnull;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.messaging.Message;
import org.axonframework.messaging.annotation.HandlerEnhancerDefinition;
import org.axonframework.messaging.annotation.MessageHandlingMember;
import org.axonframework.messaging.annotation.WrappedMessageHandlingMember;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wraps the event handlers of the dead-lettering read models (by their {@code @ProcessingGroup}):
 *
 * <ul>
 *   <li>in the batch after a failed one ({@link EventByEventRetry}), each call runs in a savepoint, so a
 *       failing call is undone alone and the transaction stays usable for the dead letter and the other
 *       events;
 *   <li>always, a failure leaves the handler as a {@link ProjectionFailure}: whatever logs it (Axon's
 *       processor, its dead-letter queue) sees classes and codes, never a message quoting a row.
 * </ul>
 *
 * Other handlers (aggregates, the federation log, commands sent after an erasure) are left as they are.
 */
final class SavepointPerHandler implements HandlerEnhancerDefinition {
    private final Set<String> groups;
    private final TransactionTemplate savepoint;

    SavepointPerHandler(Set<String> groups, PlatformTransactionManager transactions) {
        this.groups = Set.copyOf(groups);
        this.savepoint = new TransactionTemplate(transactions);
        this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    }

    @Override
    public <T> MessageHandlingMember<T> wrapHandler(@Nonnull MessageHandlingMember<T> original) {
        if (!original.canHandleMessageType(EventMessage.class)
                || original.annotationAttributes(EventHandler.class).isEmpty()
                || original.annotationAttributes(ResetHandler.class).isPresent()) {
            return original;
        }
        return groupOf(original)
                .filter(groups::contains)
                .<MessageHandlingMember<T>>map(group -> new Wrapped<>(original, group, savepoint))
                .orElse(original);
    }

    private static Optional<String> groupOf(MessageHandlingMember<?> member) {
        try {
            ProcessingGroup group =
                    AnnotatedElementUtils.findMergedAnnotation(member.declaringClass(), ProcessingGroup.class);
            return Optional.ofNullable(group).map(ProcessingGroup::value);
        } catch (UnsupportedOperationException noDeclaringClass) {
            // Members Axon builds without a declaring class answer this; they belong to no read model's
            // group, so they are left as they are (no savepoint), which is the correct handling, not a gap.
            return Optional.empty();
        }
    }

    private static final class Wrapped<T> extends WrappedMessageHandlingMember<T> {
        private final String group;
        private final TransactionTemplate savepoint;

        Wrapped(MessageHandlingMember<T> delegate, String group, TransactionTemplate savepoint) {
            super(delegate);
            this.group = group;
            this.savepoint = savepoint;
        }

        @Override
        public Object handle(@Nonnull Message<?> message, T target) throws Exception {
            try {
                if (EventByEventRetry.savepointPerHandler()) {
                    return inSavepoint(message, target);
                }
                return super.handle(message, target);
            } catch (Exception e) {
                throw ProjectionFailure.of(group, message, e);
            }
        }

        private Object inSavepoint(Message<?> message, T target) throws Exception {
            try {
                return savepoint.execute(status -> {
                    try {
                        return super.handle(message, target);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new Checked(e);
                    }
                });
            } catch (Checked checked) {
                throw (Exception) checked.getCause();
            }
        }
    }

    /** Carries a checked exception through the transaction template, which rolls back on it. */
    private static final class Checked extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Checked(Exception cause) {
            super(null, cause, false, false);
        }
    }
}
