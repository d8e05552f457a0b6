package org.ratepayer.billing.web.soap;

import jakarta.xml.bind.annotation.XmlAccessType;
import jakarta.xml.bind.annotation.XmlAccessorType;
import jakarta.xml.bind.annotation.XmlElement;
import jakarta.xml.bind.annotation.XmlRootElement;
import jakarta.xml.bind.annotation.XmlType;

/** The answer to UpdateCustomerRecord: the account's customer record as it now is, and whether this call changed it. */
@XmlRootElement(name = "UpdateCustomerRecordResult", namespace = CloudManagementService.NAMESPACE)
@XmlAccessorType(XmlAccessType.FIELD)
@XmlType(name = "UpdateCustomerRecordResult", namespace = CloudManagementService.NAMESPACE, propOrder = {
        "success", "changed", "message", "accountNumber", "customerName", "phone", "address1", "address2", "city", "state", "zip"})
public class UpdateCustomerRecordResult {

    @XmlElement(name = "Success", namespace = CloudManagementService.NAMESPACE)
    public boolean success;
    /** False when the record already held these values: the same call twice changes it once. */
    @XmlElement(name = "Changed", namespace = CloudManagementService.NAMESPACE)
    public boolean changed;
    @XmlElement(name = "Message", namespace = CloudManagementService.NAMESPACE)
    public String message;
    @XmlElement(name = "AccountNumber", namespace = CloudManagementService.NAMESPACE)
    public String accountNumber;
    @XmlElement(name = "CustomerName", namespace = CloudManagementService.NAMESPACE)
    public String customerName;
    @XmlElement(name = "Phone", namespace = CloudManagementService.NAMESPACE)
    public String phone;
    @XmlElement(name = "Address1", namespace = CloudManagementService.NAMESPACE)
    public String address1;
    @XmlElement(name = "Address2", namespace = CloudManagementService.NAMESPACE)
    public String address2;
    @XmlElement(name = "City", namespace = CloudManagementService.NAMESPACE)
    public String city;
    @XmlElement(name = "State", namespace = CloudManagementService.NAMESPACE)
    public String state;
    @XmlElement(name = "Zip", namespace = CloudManagementService.NAMESPACE)
    public String zip;
}
