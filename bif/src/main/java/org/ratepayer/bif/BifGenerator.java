package org.ratepayer.bif;

import static org.ratepayer.bif.FileSpecIds.*;

import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Deterministic synthetic BIF files in the Daffron style, for demos, tests and benchmarks.
 *
 * <p>Everything is a pure function of the seed and the invoice's index (and, for the bill itself,
 * the invoice date): nothing is kept between invoices, so files of any size stream out, the FH total
 * is computed in a cheap first pass, and a second billing run with another invoice date bills the
 * same accounts again with new invoice numbers, bill control numbers and amounts.
 */
public final class BifGenerator {

    /** The InvoiceFormatGuid meaning "Daffron PDF remote link". */
    public static final String DAFFRON_PDF_FORMAT_GUID = "BA1CEC36-997C-48E3-8406-437640EDFF84";
    /** Invoice numbers carry the index in 8 digits and location ids the account in 9. */
    public static final int MAX_INVOICES = 50_000_000;

    // Every id of each row, so that any spec's columns find a value; the writer keeps the spec's.
    private static final ColumnLayout IH_LAYOUT = layoutOf(RowType.IH);
    private static final ColumnLayout CR_LAYOUT = layoutOf(RowType.CR);
    private static final ColumnLayout ID_LAYOUT = layoutOf(RowType.ID);

    /** How six consecutive accounts split into customers: each digit is a customer's number of subs. */
    private static final List<String> SUB_PATTERNS = List.of("111111", "111111", "111111", "11112", "1122",
            "1212", "222", "123", "321", "213", "132", "231", "33", "3111", "1113", "2211");
    private static final List<String> FIRST_NAMES = List.of("James", "Mary", "Robert", "Patricia", "John",
            "Jennifer", "Michael", "Linda", "David", "Elizabeth", "William", "Barbara", "Richard", "Susan",
            "Joseph", "Jessica", "Thomas", "Karen", "Charles", "Sarah", "Dale", "Wanda", "Earl", "Loretta",
            "Wayne", "Darlene", "Glen", "Brenda", "Harold", "Peggy", "Ray", "Bonnie", "José", "María");
    private static final List<String> LAST_NAMES = List.of("Smith", "Johnson", "Williams", "Brown", "Jones",
            "Miller", "Davis", "Wilson", "Anderson", "Taylor", "Moore", "Jackson", "Martin", "Thompson",
            "White", "Harris", "Clark", "Lewis", "Walker", "Hall", "Allen", "Young", "King", "Wright",
            "Schroeder", "Hoffman", "Yoder", "Lindquist", "O'Brien", "McAllister", "Fischer", "Núñez");
    private static final List<String> BUSINESSES = List.of("Farms LLC", "Hardware", "Feed & Supply",
            "Dairy", "Auto Repair", "Grain Co", "Veterinary Clinic", "Family Church");
    private static final List<String> STREETS = List.of("Main", "Oak", "Maple", "Cedar", "Elm", "Walnut",
            "Pine", "Hickory", "Church", "Mill", "County Road 12", "Highway 136", "Prairie", "Lake", "Ridge");
    private static final List<String> STREET_KINDS = List.of("St", "Ave", "Rd", "Ln", "Dr");
    private static final List<Place> PLACES = List.of(
            new Place("Bethany", "MO", "644", "660"), new Place("Trenton", "MO", "646", "660"),
            new Place("Lamar", "MO", "647", "417"), new Place("Corydon", "IA", "500", "641"),
            new Place("Creston", "IA", "508", "641"), new Place("Grundy Center", "IA", "506", "319"),
            new Place("Chanute", "KS", "667", "620"), new Place("Seward", "NE", "684", "402"),
            new Place("Sulphur Springs", "TX", "754", "903"), new Place("Cullman", "AL", "350", "256"),
            new Place("Benton", "KY", "420", "270"), new Place("Lowell", "MI", "493", "616"),
            new Place("Hillsboro", "OH", "451", "937"), new Place("Athens", "TN", "373", "423"));
    private static final List<String> EMAIL_DOMAINS = List.of("example.com", "example.net", "example.org");
    private static final List<String> RATE_CLASSES = List.of("RES", "RES", "RES", "RES", "COM", "IRR", "LP");

    private final long seed;

    public BifGenerator(long seed) {
        this.seed = seed;
    }

    /**
     * Writes a valid file of {@code invoiceCount} invoices dated {@code invoiceDate}, in the spec's
     * columns; customization columns the spec has are filled too. The writer is flushed, not closed.
     */
    public GeneratedFileStats write(Writer out, FileSpec spec, String billerGuid, int invoiceCount,
                                    LocalDate invoiceDate) throws IOException {
        Objects.requireNonNull(invoiceDate, "invoiceDate");
        if (billerGuid == null || !ValueSyntax.isGuid(billerGuid)) {
            throw new IllegalArgumentException("not a biller GUID: " + billerGuid);
        }
        if (invoiceCount < 0 || invoiceCount > MAX_INVOICES) {
            throw new IllegalArgumentException("invoiceCount must be 0.." + MAX_INVOICES + ": " + invoiceCount);
        }
        long totalCents = 0;
        for (int i = 0; i < invoiceCount; i++) {
            totalCents += charges(i, invoiceDate).totalCents();
        }
        BigDecimal total = BigDecimal.valueOf(totalCents, 2);
        BifWriter writer = new BifWriter(out, spec);
        writer.header(new BifFileHeader(0, billerGuid, invoiceDate.atTime(5, 30), invoiceCount, total));
        for (int i = 0; i < invoiceCount; i++) {
            writer.invoice(invoice(i, invoiceDate));
        }
        writer.flush();
        return new GeneratedFileStats(invoiceCount, total);
    }

    /** The account billed at this index in every file of this generator. */
    public GeneratedAccount account(int index) {
        if (index < 0 || index >= MAX_INVOICES) {
            throw new IllegalArgumentException("index must be 0.." + (MAX_INVOICES - 1) + ": " + index);
        }
        int group = index / 6;
        String pattern = SUB_PATTERNS.get(stream(1, group).nextInt(SUB_PATTERNS.size()));
        int customer = 0;
        int position = index % 6;
        while (position >= pattern.charAt(customer) - '0') {
            position -= pattern.charAt(customer) - '0';
            customer++;
        }
        long base = 1001 + 6L * group + customer;
        int sub = position + 1;

        // Customer-level data depends on the base only, so all subs of a customer agree.
        Draw c = stream(2, base);
        Place place = pick(PLACES, c);
        String first = pick(FIRST_NAMES, c);
        String last = pick(LAST_NAMES, c);
        boolean business = c.nextInt(100) < 8;
        String name = business ? last + " " + pick(BUSINESSES, c) : first + " " + last;
        String address1 = c.nextInt(100) < 10 ? "PO Box " + (100 + c.nextInt(9900))
                : (1 + c.nextInt(9999)) + " " + pick(STREETS, c) + " " + pick(STREET_KINDS, c);
        String address2 = c.nextInt(100) < 8 ? "Apt " + (1 + c.nextInt(40)) : null;
        String zip = place.zipPrefix() + digits(c.nextInt(100), 2);
        String phone = c.nextInt(100) < 5 ? null
                : place.areaCode() + "-" + (200 + c.nextInt(800)) + "-" + digits(c.nextInt(10000), 4);
        String email = c.nextInt(100) < 12 ? null : email(first, last, business, c);

        Draw a = stream(3, base * 10 + sub);
        String location = (100 + a.nextInt(900)) + digits(base * 10 + sub, 9);
        boolean blockCards = a.nextInt(100) < 2;
        return new GeneratedAccount(index, base, sub, base + "-" + sub, name, address1, address2, place.city(),
                place.state(), zip, phone, email, location, blockCards);
    }

    /** The invoice of the account at this index for the billing run of this date. */
    public BifInvoice invoice(int index, LocalDate invoiceDate) {
        GeneratedAccount account = account(index);
        Charges charges = charges(index, invoiceDate);
        long runDay = invoiceDate.toEpochDay();
        Draw d = stream(5, runDay * MAX_INVOICES + index);
        LocalDate due = invoiceDate.plusDays(20);
        long billControl = 10000 + Math.floorMod(runDay * 3 + account.base() * 31 + account.sub(), 90000);
        long totalCents = charges.totalCents();
        boolean partial = d.nextInt(100) < 30;

        String[] ih = new String[IH_LAYOUT.size()];
        set(ih, IH_LAYOUT, IH_ROW_TYPE, "IH");
        set(ih, IH_LAYOUT, RECORD_TYPE, "R");
        set(ih, IH_LAYOUT, INVOICE_FORMAT_GUID, DAFFRON_PDF_FORMAT_GUID);
        set(ih, IH_LAYOUT, INVOICE_NUMBER, digits(Math.floorMod(runDay, 10000), 4) + digits(index, 8));
        set(ih, IH_LAYOUT, INVOICE_DATE, date(invoiceDate));
        set(ih, IH_LAYOUT, INVOICE_DUE_DATE, date(due));
        set(ih, IH_LAYOUT, TOTAL_AMOUNT_DUE, money(totalCents));
        set(ih, IH_LAYOUT, CUSTOM1, pick(RATE_CLASSES, stream(4, account.base() * 10 + account.sub())));
        set(ih, IH_LAYOUT, CUSTOM2, Long.toString(account.base()));
        set(ih, IH_LAYOUT, CUSTOM3, Integer.toString(account.sub()));
        set(ih, IH_LAYOUT, CUSTOM4, account.serviceLocationId());
        set(ih, IH_LAYOUT, CUSTOM5, "Cycle " + (1 + account.base() % 4));
        set(ih, IH_LAYOUT, CUSTOM6, "Route " + (10 + account.base() % 37));
        set(ih, IH_LAYOUT, CUSTOM7, "M" + account.serviceLocationId().substring(4));
        set(ih, IH_LAYOUT, CUSTOM9, Long.toString(billControl));
        set(ih, IH_LAYOUT, CUSTOM10, account.base() + "-" + billControl);
        set(ih, IH_LAYOUT, PAST_DUE, money(charges.pastDueCents()));
        set(ih, IH_LAYOUT, ALLOW_PARTIAL_PAYMENTS, partial ? "Y" : "N");
        if (d.nextInt(100) < 20) {
            set(ih, IH_LAYOUT, AUTOPAY_COLLECTION_DATE, date(due.minusDays(3)));
        }
        set(ih, IH_LAYOUT, BALANCE_FORWARD, money(charges.pastDueCents()));
        set(ih, IH_LAYOUT, FIRST_NOTIFY_DATE, date(due.minusDays(10)));
        set(ih, IH_LAYOUT, SECOND_NOTIFY_DATE, date(due.minusDays(5)));
        set(ih, IH_LAYOUT, THIRD_NOTIFY_DATE, date(due.minusDays(1)));
        set(ih, IH_LAYOUT, PAYMENT_EXPIRATION_DATE, date(due.plusDays(90)));
        set(ih, IH_LAYOUT, PAYMENT_EXPIRATION_MESSAGE,
                "This bill can no longer be paid online; please call the office.");
        set(ih, IH_LAYOUT, MINIMUM_AMOUNT_DUE,
                money(partial ? Math.min(totalCents, Math.max(1000, totalCents / 4)) : totalCents));
        set(ih, IH_LAYOUT, INVOICE_TYPE_ID, "42");
        set(ih, IH_LAYOUT, CC_SERVICE_FEE, "2.95");
        set(ih, IH_LAYOUT, ACH_SERVICE_FEE, "0.00");
        set(ih, IH_LAYOUT, LATE_FEE_DATE, date(due.plusDays(5)));
        set(ih, IH_LAYOUT, LOCATION_REFERENCE, account.serviceLocationId());
        set(ih, IH_LAYOUT, PROMPT_PAY_EXPIRATION_DATE, date(invoiceDate.plusDays(10)));
        set(ih, IH_LAYOUT, REGISTRATION_VALUE, account.zip());

        String[] cr = new String[CR_LAYOUT.size()];
        set(cr, CR_LAYOUT, CR_ROW_TYPE, "CR");
        set(cr, CR_LAYOUT, ACCOUNT_NUMBER, account.accountNumber());
        set(cr, CR_LAYOUT, CUSTOMER_NAME, account.customerName());
        set(cr, CR_LAYOUT, ADDRESS1, account.address1());
        set(cr, CR_LAYOUT, ADDRESS2, account.address2());
        set(cr, CR_LAYOUT, CITY, account.city());
        set(cr, CR_LAYOUT, STATE, account.state());
        set(cr, CR_LAYOUT, ZIP, account.zip());
        set(cr, CR_LAYOUT, PHONE, account.phone());
        set(cr, CR_LAYOUT, EMAIL_ADDRESS, account.email());
        set(cr, CR_LAYOUT, BLOCK_PAYMENTS_CC, account.blockPaymentsCC() ? "Y" : "N");
        set(cr, CR_LAYOUT, DISPLAY_ACCOUNT_NUMBER, account.accountNumber());

        List<BifRow> details = new ArrayList<>(3);
        if (charges.split()) {
            details.add(detail("Energy charge", charges.currentCents() - Charges.CUSTOMER_CHARGE));
            details.add(detail("Customer charge", Charges.CUSTOMER_CHARGE));
        } else {
            details.add(detail("Electric service", charges.currentCents()));
        }
        if (charges.pastDueCents() > 0) {
            details.add(detail("Previous balance", charges.pastDueCents()));
        }
        return new BifInvoice(0, new BifRow(0, RowType.IH, IH_LAYOUT, ih), new BifRow(0, RowType.CR, CR_LAYOUT, cr),
                details);
    }

    private static BifRow detail(String description, long cents) {
        return new BifRow(0, RowType.ID, ID_LAYOUT, new String[] {"ID", description, money(cents)});
    }

    private static void set(String[] values, ColumnLayout layout, int fileSpecId, String value) {
        values[layout.indexOf(fileSpecId)] = value;
    }

    private static ColumnLayout layoutOf(RowType row) {
        return new ColumnLayout(FileSpecCatalogue.standard().forRow(row).stream().mapToInt(FieldDef::fileSpecId)
                .toArray());
    }

    private static String date(LocalDate date) {
        return digits(date.getMonthValue(), 2) + "/" + digits(date.getDayOfMonth(), 2) + "/" + date.getYear();
    }

    /** The number zero-padded to a width; String.format would cost more than the rest of an invoice. */
    private static String digits(long value, int width) {
        String text = Long.toString(value);
        return text.length() >= width ? text : "0".repeat(width - text.length()) + text;
    }

    private Charges charges(int index, LocalDate invoiceDate) {
        Draw d = stream(6, invoiceDate.toEpochDay() * MAX_INVOICES + index);
        long current = 2500 + d.nextInt(42500);
        long pastDue = d.nextInt(100) < 15 ? 500 + d.nextInt(25000) : 0;
        boolean split = d.nextInt(2) == 0;
        return new Charges(current, pastDue, split);
    }

    /** A town the customers live in, with its zip code prefix and telephone area code. */
    private record Place(String city, String state, String zipPrefix, String areaCode) {
    }

    /** A bill's money in cents; a split bill shows the fixed customer charge as its own line. */
    private record Charges(long currentCents, long pastDueCents, boolean split) {
        static final long CUSTOMER_CHARGE = 2500;

        long totalCents() {
            return currentCents + pastDueCents;
        }
    }

    private static String email(String first, String last, boolean business, Draw d) {
        String domain = pick(EMAIL_DOMAINS, d);
        String cleanLast = letters(last);
        if (business) {
            return "office@" + cleanLast + "." + domain;
        }
        String local = d.nextInt(2) == 0 ? letters(first) + "." + cleanLast
                : letters(first).charAt(0) + cleanLast + (10 + d.nextInt(90));
        return local + "@" + domain;
    }

    private static String letters(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c >= 'a' && c <= 'z') {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String money(long cents) {
        return BigDecimal.valueOf(cents, 2).toPlainString();
    }

    private static <T> T pick(List<T> list, Draw d) {
        return list.get(d.nextInt(list.size()));
    }

    private Draw stream(long purpose, long key) {
        return new Draw(Draw.mix(Draw.mix(seed ^ purpose * 0x632BE59BD9B4E019L) ^ key));
    }

    /** A splitmix-style sequence: cheap, well mixed, and reproducible from one long. */
    private static final class Draw {
        private long state;

        Draw(long state) {
            this.state = state;
        }

        int nextInt(int bound) {
            state += 0x9E3779B97F4A7C15L;
            return (int) Math.floorMod(mix(state), (long) bound);
        }

        static long mix(long z) {
            z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
            z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
            return z ^ (z >>> 31);
        }
    }
}
