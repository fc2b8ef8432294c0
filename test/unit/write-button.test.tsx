/**
 * One-click writes in the in-page card (issue 11): the first click only arms the button; a second, deliberate
 * click (not sooner than CONFIRM_DELAY_MS) sends. Elsewhere it is an ordinary button.
 */
import { act, cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EXTENSION_HOST, HostProvider } from '../../src/widget/host';
import { CONFIRM_DELAY_MS, WriteButton } from '../../src/widget/WriteButton';
import { installFakeChrome } from './fake-chrome';

beforeEach(() => {
  installFakeChrome();
  vi.useFakeTimers();
});
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

function renderButton(confirmWrites: boolean) {
  const onClick = vi.fn();
  render(
    <HostProvider value={{ ...EXTENSION_HOST, confirmWrites }}>
      <WriteButton class="btn" label="Close" onClick={onClick} />
    </HostProvider>,
  );
  return onClick;
}

describe('WriteButton', () => {
  it('sends on one click where no confirmation is asked for (the side panel)', () => {
    const onClick = renderButton(false);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClick).toHaveBeenCalledTimes(1);
  });

  it('in the in-page card: arms on the first click, ignores a quick second one, sends on a deliberate one', async () => {
    const onClick = renderButton(true);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClick).not.toHaveBeenCalled();
    const armed = screen.getByRole('button', { name: 'Click again to confirm: Close' });
    fireEvent.click(armed); // a double click
    expect(onClick).not.toHaveBeenCalled();
    await act(async () => void (await vi.advanceTimersByTimeAsync(CONFIRM_DELAY_MS)));
    fireEvent.click(armed);
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(screen.getByRole('button', { name: 'Close' })).toBeTruthy();
  });

  it('disarms on Esc, when focus leaves, and after five seconds', async () => {
    const onClick = renderButton(true);
    const button = screen.getByRole('button', { name: 'Close' });
    for (const disarm of [
      () => fireEvent.keyDown(button, { key: 'Escape' }),
      () => fireEvent.blur(button),
      () => act(async () => void (await vi.advanceTimersByTimeAsync(5000))),
    ]) {
      fireEvent.click(button);
      expect(button.textContent).toBe('Click again to confirm: Close');
      await disarm();
      expect(button.textContent).toBe('Close');
    }
    expect(onClick).not.toHaveBeenCalled();
  });
});
