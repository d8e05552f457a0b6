"""Calls the simulator through python-zeep, a SOAP stack unrelated to CXF, using only its ?wsdl.

Usage: zeep_client.py WSDL_URL USER PASSWORD ACCOUNT
Prints one JSON object: the reply header and the payable items, amounts as the wire wrote them.
"""
import json
import sys

from zeep import Client, Settings

NS = "{http://www.multispeak.org/Version_3.0}"


def main(wsdl, user, password, account):
    client = Client(wsdl, settings=Settings(strict=True, raw_response=False))
    header_type = client.get_element(NS + "MultiSpeakMsgHeader")
    header = header_type(Version="3.0", UserID=user, Pwd=password, AppName="zeep")
    with client.settings(raw_response=True):
        raw = client.service.GetPayableItemsList(accountNumber=account, _soapheaders=[header])
    reply = client.service.GetPayableItemsList(accountNumber=account, _soapheaders=[header])
    body = reply.body if hasattr(reply, "body") else reply
    result = body["GetPayableItemsListResult"] if "GetPayableItemsListResult" in body else body
    reply_header = reply.header["MultiSpeakMsgHeader"] if hasattr(reply, "header") and reply.header else None
    items = []
    for item in result["payableItem"]:
        extensions = []
        if item["extensionsList"] is not None:
            for ext in item["extensionsList"]["extensionsItem"]:
                extensions.append([ext["extName"], ext["extValue"], ext["extType"]])
        items.append({
            "description": item["description"],
            "currentAmount": repr(item["currentAmount"]),
            "pastDueAmount": repr(item["pastDueAmount"]),
            "extensions": extensions,
        })
    print(json.dumps({
        "company": reply_header.Company if reply_header is not None else None,
        "items": items,
        "transactionTypes": list(result["allowableTransactionTypes"]["transactionType"]),
        "status": raw.status_code,
        "raw": raw.text,
    }))


if __name__ == "__main__":
    main(*sys.argv[1:5])
