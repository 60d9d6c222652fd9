/**
 * The seed's seven certificate practices, decided for one device (DESIGN.md §2).
 *
 * <p>{@link io.localtrust.practice.Classifier} takes what was observed of a device
 * ({@link io.localtrust.practice.observe}), a trust context ({@link io.localtrust.practice.context})
 * and a {@link io.localtrust.practice.FleetView}, and returns a
 * {@link io.localtrust.practice.DeviceAssessment}: the practice, whether the key is unique, and
 * findings. {@link io.localtrust.practice.json} writes the stable JSON record of an assessment.
 */
package io.localtrust.practice;
