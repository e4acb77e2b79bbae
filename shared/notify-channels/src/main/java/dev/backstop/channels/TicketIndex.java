package dev.backstop.channels;

import java.util.Optional;

/**
 * Which ticket is open for which {@link TicketKey}, so a repeat updates the ticket instead of
 * opening another. Opening is claimed first, so two deliveries at once open one ticket.
 */
public interface TicketIndex {

    /** A ticket the index knows: its id in the ticket system (an issue key, a sys_id) and its number for people. */
    record Ticket(String id, String number) {
    }

    /** What the index holds for a key. */
    sealed interface Entry {
        /** An open ticket. */
        record Open(Ticket ticket) implements Entry {
        }

        /** Another delivery (the audit id) is opening one now. */
        record Opening(String by) implements Entry {
        }
    }

    /** The open ticket or the opening in progress for the key; empty when there is none (or it was resolved). */
    Optional<Entry> find(TicketKey key);

    /** Claims the opening of a ticket for the key; false when one is open or being opened. */
    boolean claim(TicketKey key, String auditId);

    /** Records the ticket the claim opened. */
    void opened(TicketKey key, String auditId, Ticket ticket);

    /** Gives a claim up after the ticket could not be opened, so the next delivery tries again. */
    void release(TicketKey key, String auditId);

    /** Records that the ticket is resolved: the next notice for the key opens a new one. */
    void resolved(TicketKey key, String auditId);
}
