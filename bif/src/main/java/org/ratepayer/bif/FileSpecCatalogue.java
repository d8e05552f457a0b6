package org.ratepayer.bif;

import static org.ratepayer.bif.FileSpecIds.*;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The FileSpecId catalogue: what each id means, which row it belongs to and how it is validated.
 * Immutable. {@link #standard()} is the project's catalogue, documented in bif/README.md.
 */
public final class FileSpecCatalogue {

    private static final int TEXT_MAX = 255;

    // Immutable, so one shared instance is safe.
    private static final FileSpecCatalogue STANDARD = new FileSpecCatalogue(standardFields());

    private final List<FieldDef> all;
    private final Map<Integer, FieldDef> byId;
    private final Map<RowType, List<FieldDef>> byRow;
    private final Map<RowType, FieldDef> rowTypeFields;

    private FileSpecCatalogue(Collection<FieldDef> fields) {
        List<FieldDef> sorted = new ArrayList<>(fields);
        sorted.sort(Comparator.comparingInt(FieldDef::fileSpecId));
        Map<Integer, FieldDef> ids = new HashMap<>();
        Map<RowType, List<FieldDef>> rows = new EnumMap<>(RowType.class);
        Map<RowType, FieldDef> rowTypes = new EnumMap<>(RowType.class);
        for (FieldDef def : sorted) {
            if (ids.put(def.fileSpecId(), def) != null) {
                throw new IllegalArgumentException("FileSpecId " + def.fileSpecId() + " is defined twice");
            }
            rows.computeIfAbsent(def.rowType(), r -> new ArrayList<>()).add(def);
            if (def.type() == FieldType.ROW_TYPE && rowTypes.put(def.rowType(), def) != null) {
                throw new IllegalArgumentException("row " + def.rowType() + " has two RowType fields");
            }
        }
        for (RowType row : RowType.values()) {
            if (!rowTypes.containsKey(row)) {
                throw new IllegalArgumentException("row " + row + " has no RowType field");
            }
            rows.put(row, List.copyOf(rows.get(row)));
        }
        this.all = List.copyOf(sorted);
        this.byId = Map.copyOf(ids);
        this.byRow = rows;
        this.rowTypeFields = rowTypes;
    }

    /** The project's catalogue: the seed's FileSpecIds plus the project-assigned ones. */
    public static FileSpecCatalogue standard() {
        return STANDARD;
    }

    /**
     * A catalogue of one's own, e.g. to tighten max lengths or required flags of standard ids.
     * Every row type needs exactly one {@link FieldType#ROW_TYPE} field.
     */
    public static FileSpecCatalogue of(Collection<FieldDef> fields) {
        return new FileSpecCatalogue(fields);
    }

    public Optional<FieldDef> byId(int fileSpecId) {
        return Optional.ofNullable(byId.get(fileSpecId));
    }

    public FieldDef require(int fileSpecId) {
        FieldDef def = byId.get(fileSpecId);
        if (def == null) {
            throw new IllegalArgumentException("FileSpecId " + fileSpecId + " is not in the catalogue");
        }
        return def;
    }

    /** All fields, by ascending FileSpecId. */
    public List<FieldDef> all() {
        return all;
    }

    /** The fields of one row type, by ascending FileSpecId. */
    public List<FieldDef> forRow(RowType rowType) {
        return byRow.get(rowType);
    }

    /** The RowType field of a row type (FileSpecId 1, 7, 58 or 70 in the standard catalogue). */
    public FieldDef rowTypeField(RowType rowType) {
        return rowTypeFields.get(rowType);
    }

    /**
     * Checks a file spec's columns against this catalogue and returns an immutable copy.
     *
     * @throws IllegalArgumentException naming the row and the id at fault
     */
    Map<RowType, List<Integer>> checkColumns(Map<RowType, List<Integer>> columns) {
        if (columns == null) {
            throw new IllegalArgumentException("file spec has no columns");
        }
        Map<RowType, List<Integer>> copy = new EnumMap<>(RowType.class);
        for (RowType row : RowType.values()) {
            List<Integer> ids = columns.get(row);
            if (ids == null || ids.isEmpty()) {
                throw new IllegalArgumentException("file spec has no " + row + " row");
            }
            checkRow(row, ids);
            copy.put(row, List.copyOf(ids));
        }
        return Collections.unmodifiableMap(copy);
    }

    private void checkRow(RowType row, List<Integer> ids) {
        String where = "file spec row " + row + ": ";
        FieldDef rowTypeField = rowTypeFields.get(row);
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            Integer id = ids.get(i);
            if (id == null) {
                throw new IllegalArgumentException(where + "column " + (i + 1) + " has no FileSpecId");
            }
            FieldDef def = byId.get(id);
            if (def == null) {
                throw new IllegalArgumentException(where + "FileSpecId " + id + " is not in the catalogue");
            }
            if (def.rowType() != row) {
                throw new IllegalArgumentException(where + "FileSpecId " + id + " (" + def.name()
                        + ") belongs to " + def.rowType() + " rows");
            }
            if (i == 0 && id != rowTypeField.fileSpecId()) {
                throw new IllegalArgumentException(where + "the first column must be RowType (FileSpecId "
                        + rowTypeField.fileSpecId() + "), not FileSpecId " + id);
            }
            if (!seen.add(id)) {
                throw new IllegalArgumentException(where + "FileSpecId " + id + " (" + def.name()
                        + ") appears twice");
            }
        }
        if (row == RowType.ID && ids.size() == 1) {
            // The seed's ID row is RowType alone; the line fields are the project's (bif/README.md).
            return;
        }
        for (FieldDef def : byRow.get(row)) {
            if (def.required() && !seen.contains(def.fileSpecId())) {
                throw new IllegalArgumentException(where + "required FileSpecId " + def.fileSpecId()
                        + " (" + def.name() + ") is missing"
                        + (row == RowType.ID ? " (an ID row is RowType alone or has every line field)" : ""));
            }
        }
    }

    private static List<FieldDef> standardFields() {
        List<FieldDef> f = new ArrayList<>();
        // From the seed's field map (FileSpecIds 1..407).
        f.add(seed(FH_ROW_TYPE, "RowType", RowType.FH, FieldType.ROW_TYPE, true, 2));
        f.add(seed(BILLER_GUID, "BillerGuid", RowType.FH, FieldType.GUID, true, 36));
        f.add(seed(FILE_CREATION_DATE, "FileCreationDate", RowType.FH, FieldType.DATE_TIME, true, 19));
        f.add(seed(INVOICE_COUNT, "InvoiceCount", RowType.FH, FieldType.INTEGER, true, 19));
        f.add(seed(TOTAL_INVOICE_AMOUNT, "TotalInvoiceAmount", RowType.FH, FieldType.AMOUNT, true, 19));

        f.add(seed(IH_ROW_TYPE, "RowType", RowType.IH, FieldType.ROW_TYPE, true, 2));
        f.add(seed(RECORD_TYPE, "RecordType", RowType.IH, FieldType.RECORD_TYPE, true, 1));
        f.add(seed(INVOICE_FORMAT_GUID, "InvoiceFormatGuid", RowType.IH, FieldType.GUID, true, 36));
        f.add(seed(INVOICE_NUMBER, "InvoiceNumber", RowType.IH, FieldType.TEXT, true, 50));
        f.add(seed(INVOICE_DATE, "InvoiceDate", RowType.IH, FieldType.DATE, true, 10));
        f.add(seed(INVOICE_DUE_DATE, "InvoiceDueDate", RowType.IH, FieldType.DATE, true, 10));
        f.add(seed(TOTAL_AMOUNT_DUE, "TotalAmountDue", RowType.IH, FieldType.AMOUNT, true, 19));
        f.add(project(CUSTOM1, "Custom1", RowType.IH, FieldType.TEXT, false, TEXT_MAX));
        f.add(seed(CUSTOM2, "Custom2", RowType.IH, FieldType.TEXT, false, TEXT_MAX));
        f.add(seed(CUSTOM3, "Custom3", RowType.IH, FieldType.TEXT, false, TEXT_MAX));
        f.add(seed(CUSTOM4, "Custom4", RowType.IH, FieldType.TEXT, false, TEXT_MAX));
        f.add(project(CUSTOM5, "Custom5", RowType.IH, FieldType.TEXT, false, TEXT_MAX));
        f.add(project(CUSTOM6, "Custom6", RowType.IH, FieldType.TEXT, false, TEXT_MAX));
        f.add(project(CUSTOM7, "Custom7", RowType.IH, FieldType.TEXT, false, TEXT_MAX));
        f.add(project(CUSTOM8, "Custom8", RowType.IH, FieldType.TEXT, false, TEXT_MAX));
        f.add(seed(CUSTOM9, "Custom9", RowType.IH, FieldType.TEXT, false, TEXT_MAX));
        f.add(seed(CUSTOM10, "Custom10", RowType.IH, FieldType.TEXT, true, TEXT_MAX));
        f.add(seed(PAST_DUE, "PastDue", RowType.IH, FieldType.AMOUNT, false, 19));

        f.add(seed(CR_ROW_TYPE, "RowType", RowType.CR, FieldType.ROW_TYPE, true, 2));
        f.add(seed(ACCOUNT_NUMBER, "AccountNumber", RowType.CR, FieldType.TEXT, true, 50));
        f.add(seed(CUSTOMER_NAME, "CustomerName", RowType.CR, FieldType.TEXT, true, TEXT_MAX));
        f.add(seed(ADDRESS1, "Address1", RowType.CR, FieldType.TEXT, false, TEXT_MAX));
        f.add(seed(ADDRESS2, "Address2", RowType.CR, FieldType.TEXT, false, TEXT_MAX));
        f.add(seed(CITY, "City", RowType.CR, FieldType.TEXT, false, 100));
        f.add(seed(STATE, "State", RowType.CR, FieldType.TEXT, false, 50));
        f.add(seed(ZIP, "Zip", RowType.CR, FieldType.TEXT, false, 20));
        f.add(seed(PHONE, "Phone", RowType.CR, FieldType.TEXT, false, 30));
        f.add(seed(EMAIL_ADDRESS, "EmailAddress", RowType.CR, FieldType.EMAIL, false, 254));
        f.add(seed(BLOCK_PAYMENTS_CC, "BlockPaymentsCC", RowType.CR, FieldType.FLAG, false, 5));
        f.add(seed(DISPLAY_ACCOUNT_NUMBER, "DisplayAccountNumber", RowType.CR, FieldType.TEXT, false, 50));

        f.add(seed(ID_ROW_TYPE, "RowType", RowType.ID, FieldType.ROW_TYPE, true, 2));

        // BIF customizations a biller switches on (project-assigned).
        f.add(project(ALLOW_PARTIAL_PAYMENTS, "AllowPartialPayments", RowType.IH, FieldType.FLAG, false, 5));
        f.add(project(AUTOPAY_COLLECTION_DATE, "AutoPayCollectionDate", RowType.IH, FieldType.DATE, false, 10));
        f.add(project(BALANCE_FORWARD, "BalanceForward", RowType.IH, FieldType.AMOUNT, false, 19));
        f.add(project(FIRST_NOTIFY_DATE, "FirstNotifyRequestedDate", RowType.IH, FieldType.DATE, false, 10));
        f.add(project(SECOND_NOTIFY_DATE, "SecondNotifyRequestedDate", RowType.IH, FieldType.DATE, false, 10));
        f.add(project(THIRD_NOTIFY_DATE, "ThirdNotifyRequestedDate", RowType.IH, FieldType.DATE, false, 10));
        f.add(project(PAYMENT_EXPIRATION_DATE, "PaymentExpirationDate", RowType.IH, FieldType.DATE, false, 10));
        f.add(project(PAYMENT_EXPIRATION_MESSAGE, "PaymentExpirationMessage", RowType.IH, FieldType.TEXT,
                false, 1000));
        f.add(project(MINIMUM_AMOUNT_DUE, "MinimumAmountDue", RowType.IH, FieldType.AMOUNT, false, 19));
        f.add(project(INVOICE_TYPE_ID, "InvoiceTypeID", RowType.IH, FieldType.INTEGER, false, 19));
        f.add(project(CC_SERVICE_FEE, "CreditCardServiceFee", RowType.IH, FieldType.AMOUNT, false, 19));
        f.add(project(ACH_SERVICE_FEE, "AchServiceFee", RowType.IH, FieldType.AMOUNT, false, 19));
        f.add(project(LATE_FEE_DATE, "LateFeeDate", RowType.IH, FieldType.DATE, false, 10));
        f.add(project(LOCATION_REFERENCE, "LocationReference", RowType.IH, FieldType.TEXT, false, TEXT_MAX));
        f.add(project(PROMPT_PAY_EXPIRATION_DATE, "PromptPayExpirationDate", RowType.IH, FieldType.DATE,
                false, 10));
        f.add(project(REGISTRATION_VALUE, "RegistrationValue", RowType.IH, FieldType.TEXT, false, TEXT_MAX));
        // The account changed owner: the import conveys it (docs/conveyance.md).
        f.add(project(CONVEYANCE, "Conveyance", RowType.CR, FieldType.FLAG, false, 5));

        // Bill lines: the seed lists only the ID RowType, so the line's content is the project's.
        f.add(project(LINE_DESCRIPTION, "LineDescription", RowType.ID, FieldType.TEXT, true, TEXT_MAX));
        f.add(project(LINE_AMOUNT, "LineAmount", RowType.ID, FieldType.AMOUNT, true, 19));
        return f;
    }

    private static FieldDef seed(int id, String name, RowType row, FieldType type, boolean required, int max) {
        return new FieldDef(id, name, row, type, required, max, false);
    }

    private static FieldDef project(int id, String name, RowType row, FieldType type, boolean required, int max) {
        return new FieldDef(id, name, row, type, required, max, true);
    }
}
