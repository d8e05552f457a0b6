package org.ratepayer.billers;

import java.util.Optional;

/**
 * A module's say on an advanced setting change that its own data makes unsafe, asked before the change is stored: the
 * payments module refuses switching a biller's processor (setting 1017) while payers still hold saved methods of the old
 * one (docs/processors.md, "Switching processors"). The billers module cannot know those tables; the owner of the data
 * answers instead.
 */
public interface SettingChangeGuard {

    /**
     * @param before the stored value, empty when unset (secrets are never handed over: empty for them too)
     * @param after  the canonical value about to be stored, empty when the setting is being cleared
     * @throws ConfigValidationException naming the setting when the change may not be made now; nothing is changed
     */
    void check(long bid, int settingId, Optional<String> before, Optional<String> after);
}
