/** A contact's picture, or their initials on a colour derived from the id. Decorative: the name is beside it. */
interface Props {
  name: string | null;
  email: string | null;
  src: string | null;
  size?: number;
}

export function Avatar({ name, email, src, size = 32 }: Props) {
  const label = (name || email || '?').trim();
  const initials = label.split(/[\s@._-]+/).filter(Boolean).slice(0, 2).map((w) => [...w][0]?.toUpperCase() ?? '').join('') || '?';
  let hue = 0;
  for (const ch of label) hue = (hue * 31 + ch.charCodeAt(0)) % 360;
  const style = { width: `${size}px`, height: `${size}px`, '--avatar-hue': String(hue) };
  return src ? (
    <img class="avatar" src={src} alt="" width={size} height={size} referrerpolicy="no-referrer" style={style} />
  ) : (
    <span class="avatar avatar-initials" aria-hidden="true" style={style}>
      {initials}
    </span>
  );
}
