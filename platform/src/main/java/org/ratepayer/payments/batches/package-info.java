/**
 * Daily payment batches: closing (on schedule or by staff now), the open batch and batch reports by method and
 * channel (docs/payments.md). Named so the staff portal's Batches page can use what the REST API uses.
 */
@org.springframework.modulith.NamedInterface("batches")
package org.ratepayer.payments.batches;
