package dev.backstop.channels;

import dev.backstop.notify.Notice;
import dev.backstop.rules.ChannelTarget;

/**
 * One kind of place a notice can go. Implementations are bound into a map by their
 * {@link ChannelTarget#kind()} ({@code @Binds @IntoMap @StringKey("jira")}), so a new channel is a
 * new class and a binding, never a new branch.
 */
public interface Channel {

    /**
     * Delivers the notice to the target and says in a few words what came of it ({@code sent},
     * {@code opened PAY-12}); throws {@link DeliveryException} when it could not.
     */
    String deliver(Notice notice, ChannelTarget target);
}
