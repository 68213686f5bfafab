package org.tejido.platform.security;

import java.util.List;
import java.util.function.BiFunction;
import org.axonframework.commandhandling.CommandBus;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.MessageDispatchInterceptor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.tejido.platform.axon.RecordedBy;

/**
 * Puts the signed-in user's name into every command sent while a request is being answered, whether
 * the request came with an API token or from a page's session: both chains leave an authenticated
 * principal named after the user. Axon's correlation data (AxonConfig) then copies that one entry onto
 * the events the command causes. Interceptors run on the sending thread, which is the request's, so
 * the security context read here is the request's own. A command sent by the node itself (an import from
 * the command line, a scheduled task) carries no name, and its events say so.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
class CommandsCarryTheUser implements MessageDispatchInterceptor<CommandMessage<?>> {

    CommandsCarryTheUser(CommandBus commands) {
        commands.registerDispatchInterceptor(this);
    }

    @Override
    public BiFunction<Integer, CommandMessage<?>, CommandMessage<?>> handle(
            List<? extends CommandMessage<?>> messages) {
        Authentication user = SecurityContextHolder.getContext().getAuthentication();
        if (user == null || !user.isAuthenticated() || user instanceof AnonymousAuthenticationToken) {
            return (index, command) -> command;
        }
        String name = user.getName();
        return (index, command) -> command.andMetaData(java.util.Map.of(RecordedBy.KEY, name));
    }
}
