/** Part of the application shell: it may use every module, and no module may use it. */
@org.springframework.modulith.ApplicationModule(displayName = "Shell: runtime")
package org.ratepayer.runtime;
