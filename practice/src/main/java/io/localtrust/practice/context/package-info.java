/**
 * What the classifier trusts and distrusts: public roots, local (gateway) anchors, vendor
 * anchors, and sets of known-compromised keys — with loaders for the formats they come in.
 */
package io.localtrust.practice.context;
