package dev.tnsrelay.descriptor;

import java.util.List;

/** What a DESCRIPTION or ADDRESS_LIST lists: an ADDRESS, or a nested ADDRESS_LIST. */
public sealed interface AddressNode permits Address, AddressList {

    /** Every ADDRESS below this node, in document order. */
    List<Address> addresses();
}
