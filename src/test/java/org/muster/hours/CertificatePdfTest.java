package org.muster.hours;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.util.List;

import com.google.zxing.BinaryBitmap;
import com.google.zxing.NotFoundException;
import com.google.zxing.RGBLuminanceSource;
import com.google.zxing.common.HybridBinarizer;
import com.google.zxing.qrcode.QRCodeReader;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.rendering.PDFRenderer;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/**
 * The certificate's foot: with Muster's public address known, the code's address in text and as a QR
 * code; without it (no {@code muster.app.url}), the code alone and whom to ask — never a QR code of an
 * address that leads nowhere.
 */
class CertificatePdfTest {

    private static CertificatePdf.Content content(String verifyUrl, String hint) {
        return new CertificatePdf.Content("志愿服务证明", "江宁区志愿者协会", null, "兹证明张伟同志参加志愿服务。",
                List.of("服务期间：2021-07-28 至 2021-08-10", "累计服务时长：3.5 小时"), List.of("日期", "活动", "队伍", "时长"),
                List.of(List.of("2021-07-28", "核酸检测引导", "东山街道志愿服务队", "3.5 小时")), "签发日期：2021-08-11", "验证码：",
                "ABCDEFGHJKMNPQRSTVWX", verifyUrl, hint, "（续下页）");
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument loaded = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(loaded);
        }
    }

    private static String qr(byte[] pdf) throws IOException, NotFoundException {
        try (PDDocument loaded = Loader.loadPDF(pdf)) {
            BufferedImage page = new PDFRenderer(loaded).renderImageWithDPI(0, 200);
            int[] pixels = page.getRGB(0, 0, page.getWidth(), page.getHeight(), null, 0, page.getWidth());
            try {
                return new QRCodeReader().decode(new BinaryBitmap(new HybridBinarizer(new RGBLuminanceSource(page.getWidth(), page.getHeight(),
                        pixels)))).getText();
            } catch (com.google.zxing.ChecksumException | com.google.zxing.FormatException e) {
                throw new AssertionError("a QR code that cannot be read", e);
            }
        }
    }

    @Test
    void withThePublicAddressTheCodeIsCheckedByItsQrCode() throws Exception {
        byte[] pdf = CertificatePdf.of(content("https://muster.example.org/verify/ABCDEFGHJKMNPQRSTVWX", "扫描二维码或访问以下地址，可核验本证明的真实性："));

        assertThat(text(pdf)).contains("ABCDEFGHJKMNPQRSTVWX", "https://muster.example.org/verify/ABCDEFGHJKMNPQRSTVWX");
        assertThat(qr(pdf)).isEqualTo("https://muster.example.org/verify/ABCDEFGHJKMNPQRSTVWX");
    }

    @Test
    void withoutItTheCodeStandsAloneWithWhomToAsk() throws Exception {
        byte[] pdf = CertificatePdf.of(content(null, "本证明可凭上方验证码向江宁区志愿者协会核验真实性。"));

        assertThat(text(pdf)).contains("验证码： ABCDEFGHJKMNPQRSTVWX", "本证明可凭上方验证码向江宁区志愿者协会核验真实性。")
                .doesNotContain("/verify/").doesNotContain("null");
        assertThatThrownBy(() -> qr(pdf)).isInstanceOf(NotFoundException.class);
    }
}
