package dev.backstop.channels;

import dev.backstop.notify.Notice;
import java.util.Optional;

/**
 * The life of a ticket, the same in every ticket system: the first notice for a rule and resource
 * opens one, a repeat updates it, an undo resolves it; never one per event.
 */
final class Tickets {

    /** One ticket system's three calls. */
    interface System {

        TicketIndex.Ticket open(Notice notice, TicketKey key);

        void update(TicketIndex.Ticket ticket, Notice notice);

        void resolve(TicketIndex.Ticket ticket, Notice notice);
    }

    private Tickets() {
    }

    /** Opens, updates or resolves the key's ticket for the notice, and says which. */
    static String deliver(TicketIndex index, TicketKey key, Notice notice, System system) {
        Optional<TicketIndex.Entry> entry = index.find(key);
        if (notice.resolves()) {
            if (entry.isPresent() && entry.get() instanceof TicketIndex.Entry.Open open) {
                system.resolve(open.ticket(), notice);
                index.resolved(key, notice.auditId());
                return "resolved " + open.ticket().number();
            }
            return "no open ticket to resolve";
        }
        if (entry.isPresent() && entry.get() instanceof TicketIndex.Entry.Open open) {
            system.update(open.ticket(), notice);
            return "updated " + open.ticket().number();
        }
        if (!index.claim(key, notice.auditId())) {
            // Opened or being opened by a delivery that started a moment ago: its ticket tells the same story.
            return index.find(key).map(found -> found instanceof TicketIndex.Entry.Open open
                    ? "joined " + open.ticket().number() + " opened a moment ago"
                    : "joined the ticket " + ((TicketIndex.Entry.Opening) found).by() + " is opening").orElse("skipped");
        }
        TicketIndex.Ticket ticket;
        try {
            ticket = system.open(notice, key);
        } catch (RuntimeException e) {
            index.release(key, notice.auditId());
            throw e;
        }
        index.opened(key, notice.auditId(), ticket);
        return "opened " + ticket.number();
    }
}
