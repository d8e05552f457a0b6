package org.ratepayer.bif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FileSpecTest {

    private static final String DAFFRON = "FH=1,2,4,5,6;IH=7,8,9,10,11,12,13,39,40,41,46,47,407;"
            + "CR=58,59,60,61,62,63,64,65,66,67,356,373;ID=70,2101,2102";

    @Test
    void daffronDefaultFollowsTheSeedTable() {
        FileSpec spec = FileSpec.daffronDefault();
        assertThat(spec.format()).isEqualTo(DAFFRON);
        assertThat(spec.columns(RowType.IH)).containsExactly(7, 8, 9, 10, 11, 12, 13, 39, 40, 41, 46, 47, 407);
        assertThat(spec.has(FileSpecIds.PAST_DUE)).isTrue();
        assertThat(spec.has(FileSpecIds.ALLOW_PARTIAL_PAYMENTS)).isFalse();
    }

    @Test
    void parseAndFormatRoundTrip() {
        FileSpec parsed = FileSpec.parse(" ID = 70, 2102, 2101 ; FH=1,2,4,5,6;CR=58,59,60;"
                + "IH=7,8,9,10,11,12,13,47,2001,2011;");
        assertThat(parsed.format()).isEqualTo("FH=1,2,4,5,6;IH=7,8,9,10,11,12,13,47,2001,2011;CR=58,59,60;ID=70,2102,2101");
        assertThat(FileSpec.parse(parsed.format())).isEqualTo(parsed);
        assertThat(FileSpec.parse(DAFFRON)).isEqualTo(FileSpec.daffronDefault());
    }

    @Test
    void withColumnsAddsCustomizations() {
        List<Integer> ih = new ArrayList<>(FileSpec.daffronDefault().columns(RowType.IH));
        ih.add(FileSpecIds.ALLOW_PARTIAL_PAYMENTS);
        FileSpec spec = FileSpec.daffronDefault().withColumns(RowType.IH, ih);
        assertThat(spec.has(FileSpecIds.ALLOW_PARTIAL_PAYMENTS)).isTrue();
        assertThat(FileSpec.daffronDefault().has(FileSpecIds.ALLOW_PARTIAL_PAYMENTS)).isFalse();
    }

    @Test
    void isImmutable() {
        Map<RowType, List<Integer>> columns = new EnumMap<>(FileSpec.daffronDefault().columns());
        List<Integer> ids = new ArrayList<>(columns.get(RowType.ID));
        columns.put(RowType.ID, ids);
        FileSpec spec = new FileSpec(columns);
        ids.add(999);
        assertThat(spec.columns(RowType.ID)).containsExactly(70, 2101, 2102);
        assertThatThrownBy(() -> spec.columns(RowType.ID).add(1)).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> spec.columns().remove(RowType.ID)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void rejectsUnknownIds() {
        assertInvalid(DAFFRON.replace(",407", ",9999"), "file spec row IH: FileSpecId 9999 is not in the catalogue");
    }

    @Test
    void rejectsIdsOfAnotherRow() {
        assertInvalid(DAFFRON.replace(",407", ",59"), "file spec row IH: FileSpecId 59 (AccountNumber) belongs to CR rows");
    }

    @Test
    void requiresTheRowTypeFirst() {
        assertInvalid(DAFFRON.replace("ID=70,2101,2102", "ID=2101,70,2102"),
                "file spec row ID: the first column must be RowType (FileSpecId 70), not FileSpecId 2101");
    }

    @Test
    void requiresEveryRequiredField() {
        assertInvalid(DAFFRON.replace("58,59,60", "58,59"), "file spec row CR: required FileSpecId 60 (CustomerName) is missing");
        assertInvalid(DAFFRON.replace(",46,47,", ",46,"), "file spec row IH: required FileSpecId 47 (Custom10) is missing");
    }

    @Test
    void idRowIsRowTypeAloneOrCarriesBothLineFields() {
        assertThat(FileSpec.parse(DAFFRON.replace("ID=70,2101,2102", "ID=70")).columns(RowType.ID)).containsExactly(70);
        assertInvalid(DAFFRON.replace("ID=70,2101,2102", "ID=70,2101"),
                "file spec row ID: required FileSpecId 2102 (LineAmount) is missing "
                        + "(an ID row is RowType alone or has every line field)");
        assertInvalid(DAFFRON.replace("ID=70,2101,2102", "ID=70,2102"),
                "file spec row ID: required FileSpecId 2101 (LineDescription) is missing "
                        + "(an ID row is RowType alone or has every line field)");
    }

    @Test
    void rejectsAnIdTwice() {
        assertInvalid(DAFFRON.replace(",407", ",407,39"), "file spec row IH: FileSpecId 39 (Custom2) appears twice");
    }

    @Test
    void requiresEveryRow() {
        assertInvalid("FH=1,2,4,5,6;IH=7,8,9,10,11,12,13,47;CR=58,59,60", "file spec has no ID row");
    }

    @Test
    void rejectsMalformedText() {
        assertInvalid("", "file spec is empty");
        assertInvalid("FH:1,2", "file spec section \"FH:1,2\" is not ROW=id,id,…");
        assertInvalid("XX=1", "file spec names an unknown row \"XX\" (expected FH, IH, CR or ID)");
        assertInvalid("FH=1,two", "file spec row FH: \"two\" is not a FileSpecId");
        assertInvalid("FH=1,2,4,5,6;FH=1", "file spec row FH is given twice");
    }

    private static void assertInvalid(String text, String message) {
        assertThatThrownBy(() -> FileSpec.parse(text)).isInstanceOf(IllegalArgumentException.class).hasMessage(message);
    }
}
