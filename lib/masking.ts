/** 身份证号 masked to region prefix and last four: `410***********1234`. */
export function maskIdNumber(id: string): string {
  return id.length < 8 ? '*'.repeat(id.length) : `${id.slice(0, 3)}${'*'.repeat(id.length - 7)}${id.slice(-4)}`;
}

/** Phone masked to `138****5678`. */
export function maskPhone(phone: string): string {
  return phone.length < 7 ? '*'.repeat(phone.length) : `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** Address cut after the township (乡/镇/街道), the most a masked view reveals. */
export function maskAddress(address: string): string {
  const m = address.match(/^.*?(?:乡|镇|街道|办事处)/);
  return m ? `${m[0]}***` : `${address.slice(0, 6)}***`;
}
