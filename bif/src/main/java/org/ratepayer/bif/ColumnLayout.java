package org.ratepayer.bif;

/**
 * Which FileSpecId sits in which column of a row. One instance is shared by every row the reader
 * makes for a row type, so a row costs only its values array. Lookup is a linear scan: rows have
 * a few dozen columns at most, where a scan beats hashing and allocates nothing.
 */
final class ColumnLayout {

    private final int[] ids;

    ColumnLayout(int[] ids) {
        this.ids = ids.clone();
    }

    int indexOf(int fileSpecId) {
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] == fileSpecId) {
                return i;
            }
        }
        return -1;
    }

    int size() {
        return ids.length;
    }

    int idAt(int column) {
        return ids[column];
    }
}
